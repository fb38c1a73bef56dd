package io.telemetry.collect.junos;

import static io.telemetry.collect.junos.JunosXml.child;
import static io.telemetry.collect.junos.JunosXml.childText;
import static io.telemetry.collect.junos.JunosXml.children;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Reads a {@code get-power-usage-information-detail} reply ({@code show chassis power detail})
 * into {@code environment} samples of kind {@code power}, one per power supply (PEM): what it
 * delivers and what it could. {@link EnvironmentMerge} joins them with the environment item of the
 * same name, so that one series carries a supply's status, temperature and power.
 */
public final class PowerUsageParser {

  public static final String RPC = "get-power-usage-information-detail";

  private PowerUsageParser() {}

  public static List<Sample> parse(String device, Instant time, String xml) throws JunosParseException {
    List<Sample> samples = new ArrayList<>();
    for (JunosXml.Body body : JunosXml.bodies(JunosXml.parse(xml), "power-usage-information")) {
      for (Element item : children(body.element(), "power-usage-item")) {
        Optional<String> name = childText(item, "name");
        if (name.isEmpty()) {
          throw new JunosParseException("a <power-usage-item> has no <name>");
        }
        Map<String, Double> gauges = new LinkedHashMap<>();
        childText(item, "state").ifPresent(state -> gauges.put("status", "Online".equalsIgnoreCase(state) ? 1.0 : 0.0));
        child(item, "pem-capacity-detail").flatMap(c -> childText(c, "capacity-actual"))
            .flatMap(t -> JunosValues.boxed(JunosValues.decimal(t)))
            .ifPresent(v -> gauges.put("power_capacity_watts", v));
        child(item, "dc-output-detail").flatMap(o -> childText(o, "dc-power"))
            .flatMap(t -> JunosValues.boxed(JunosValues.decimal(t)))
            .ifPresent(v -> gauges.put("power_output_watts", v));
        samples.add(new Sample(device, EnvironmentInformationParser.FAMILY, time,
            EnvironmentInformationParser.tags(body.reName(), name.get(), "power"), Map.of(), gauges, Map.of(), 64, ""));
      }
    }
    return samples;
  }
}
