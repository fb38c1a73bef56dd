package io.telemetry.collect.junos;

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
 * Reads a {@code get-alarm-information} reply ({@code show chassis alarms}) into {@code alarm}
 * samples: the number of active alarms per class. Classes {@code major} and {@code minor} are
 * always reported (0 when none is active), so that a cleared alarm shows as a drop to 0 rather
 * than as a series that stops; any other class appears while it has alarms.
 */
public final class AlarmInformationParser {

  public static final String FAMILY = "alarm";
  public static final String RPC = "get-alarm-information";

  private AlarmInformationParser() {}

  public static List<Sample> parse(String device, Instant time, String xml) throws JunosParseException {
    List<Sample> samples = new ArrayList<>();
    for (JunosXml.Body body : JunosXml.bodies(JunosXml.parse(xml), "alarm-information")) {
      Map<String, Integer> active = new LinkedHashMap<>();
      active.put("major", 0);
      active.put("minor", 0);
      for (Element alarm : children(body.element(), "alarm-detail")) {
        String alarmClass = childText(alarm, "alarm-class").map(c -> c.toLowerCase(Locale.ROOT)).orElse("unknown");
        active.merge(alarmClass, 1, Integer::sum);
      }
      for (Map.Entry<String, Integer> entry : active.entrySet()) {
        samples.add(sample(device, time, body.reName(), entry.getKey(), entry.getValue()));
      }
    }
    return samples;
  }

  private static Sample sample(String device, Instant time, Optional<String> re, String alarmClass, int count) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("class", alarmClass);
    re.ifPresent(r -> tags.put("re", r));
    return new Sample(device, FAMILY, time, tags, Map.of(), Map.of("active", (double) count), Map.of(), 64, "");
  }
}
