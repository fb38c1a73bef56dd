package io.telemetry.collect.junos;

import static io.telemetry.collect.junos.JunosXml.attribute;
import static io.telemetry.collect.junos.JunosXml.child;
import static io.telemetry.collect.junos.JunosXml.childText;
import static io.telemetry.collect.junos.JunosXml.children;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Reads a {@code get-environment-information} reply ({@code show chassis environment}) into
 * {@code environment} samples: one per environment item, tagged with the item's name and its
 * kind (temperature, fan, power, ...).
 *
 * <p>Junos names the class only on the first item of a run of items of the same class (the CLI
 * prints it once per block); an item without {@code <class>} belongs to the class of the item
 * before it, as napalm's {@code get_environment} reads it too.
 */
public final class EnvironmentInformationParser {

  public static final String FAMILY = "environment";
  public static final String RPC = "get-environment-information";

  private EnvironmentInformationParser() {}

  public static List<Sample> parse(String device, Instant time, String xml) throws JunosParseException {
    List<Sample> samples = new ArrayList<>();
    for (JunosXml.Body body : JunosXml.bodies(JunosXml.parse(xml), "environment-information")) {
      Optional<String> currentClass = Optional.empty();
      for (Element item : children(body.element(), "environment-item")) {
        Optional<String> name = childText(item, "name");
        if (name.isEmpty()) {
          throw new JunosParseException("an <environment-item> has no <name>");
        }
        Optional<String> itemClass = childText(item, "class");
        if (itemClass.isPresent()) {
          currentClass = itemClass;
        }
        samples.add(sample(device, time, body.reName(), name.get(), kind(currentClass), item));
      }
    }
    return samples;
  }

  /** {@code Temp} -> temperature, {@code Fans} -> fan, {@code Power} -> power, others lower-cased. */
  static String kind(Optional<String> junosClass) {
    if (junosClass.isEmpty()) {
      return "other";
    }
    return switch (junosClass.get().toLowerCase(Locale.ROOT)) {
      case "temp", "temperature" -> "temperature";
      case "fans", "fan" -> "fan";
      case "power" -> "power";
      default -> junosClass.get().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    };
  }

  private static Sample sample(String device, Instant time, Optional<String> re, String name, String kind,
      Element item) {
    Map<String, Double> gauges = new LinkedHashMap<>();
    childText(item, "status").ifPresent(status -> {
      gauges.put("status", "OK".equalsIgnoreCase(status) ? 1.0 : 0.0);
      gauges.put("present", "Absent".equalsIgnoreCase(status) ? 0.0 : 1.0);
    });
    child(item, "temperature").flatMap(EnvironmentInformationParser::celsius)
        .ifPresent(v -> gauges.put("temperature_celsius", v));
    childText(item, "comment").flatMap(c -> JunosValues.boxed(JunosValues.rpm(c)))
        .ifPresent(v -> gauges.put("fan_rpm", v));
    return new Sample(device, FAMILY, time, tags(re, name, kind), Map.of(), gauges, Map.of(), 64, "");
  }

  static Map<String, String> tags(Optional<String> re, String component, String kind) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("component", component);
    tags.put("kind", kind);
    re.ifPresent(r -> tags.put("re", r));
    return tags;
  }

  private static Optional<Double> celsius(Element temperature) {
    Optional<Double> fromAttribute = attribute(temperature, "celsius")
        .flatMap(v -> JunosValues.boxed(JunosValues.decimal(v)));
    return fromAttribute.isPresent()
        ? fromAttribute
        : JunosValues.boxed(JunosValues.celsius(JunosXml.text(temperature)));
  }
}
