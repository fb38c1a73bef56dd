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
 * Reads a {@code get-interface-information} reply (extensive level) into {@code interface}
 * samples: one per physical interface and one per logical interface (unit), tagged
 * {@code interface=<name>}. Counter names follow napalm's {@code get_interfaces_counters} mapping
 * so that both read the same value from the same element; see README.md in this folder.
 */
public final class InterfaceInformationParser {

  public static final String FAMILY = "interface";
  public static final String RPC = "get-interface-information";

  private InterfaceInformationParser() {}

  public static List<Sample> parse(String device, Instant time, String xml) throws JunosParseException {
    List<Sample> samples = new ArrayList<>();
    for (JunosXml.Body body : JunosXml.bodies(JunosXml.parse(xml), "interface-information")) {
      for (Element physical : children(body.element(), "physical-interface")) {
        String name = name(physical, "physical-interface");
        String cleared = childText(physical, "statistics-cleared").map(JunosValues::withoutAgo).orElse("");
        samples.add(physicalSample(device, time, body.reName(), name, physical, cleared));
        for (Element logical : children(physical, "logical-interface")) {
          samples.add(logicalSample(device, time, body.reName(), name(logical, "logical-interface"), logical, cleared));
        }
      }
    }
    return samples;
  }

  private static Sample physicalSample(
      String device, Instant time, Optional<String> re, String name, Element physical, String cleared) {
    Map<String, Long> counters = new LinkedHashMap<>();
    child(physical, "traffic-statistics").ifPresent(traffic -> trafficCounters(traffic, counters));
    child(physical, "input-error-list").ifPresent(errors -> {
      counter(errors, "input-errors", "in_errors", counters);
      counter(errors, "input-discards", "in_discards", counters);
    });
    child(physical, "output-error-list").ifPresent(errors -> {
      counter(errors, "output-errors", "out_errors", counters);
      counter(errors, "output-drops", "out_discards", counters);
    });

    Map<String, Double> gauges = new LinkedHashMap<>();
    childText(physical, "admin-status").flatMap(t -> JunosValues.boxed(JunosValues.upDown(t)))
        .ifPresent(v -> gauges.put("admin_status", v));
    childText(physical, "oper-status").flatMap(t -> JunosValues.boxed(JunosValues.upDown(t)))
        .ifPresent(v -> gauges.put("oper_status", v));
    childText(physical, "speed").flatMap(t -> JunosValues.boxed(JunosValues.speedBps(t)))
        .ifPresent(v -> gauges.put("speed_bps", v));

    return new Sample(device, FAMILY, time, tags(re, name), counters, gauges, Map.of(), 64,
        discontinuity(physical, cleared));
  }

  private static Sample logicalSample(
      String device, Instant time, Optional<String> re, String name, Element logical, String parentCleared) {
    Map<String, Long> counters = new LinkedHashMap<>();
    child(logical, "traffic-statistics").ifPresent(traffic -> trafficCounters(traffic, counters));
    // Clearing the physical interface's statistics clears its units too.
    return new Sample(device, FAMILY, time, tags(re, name), counters, Map.of(), Map.of(), 64,
        discontinuity(logical, parentCleared));
  }

  /** Direct children only: {@code ipv6-transit-statistics} nests the same element names. */
  private static void trafficCounters(Element traffic, Map<String, Long> counters) {
    counter(traffic, "input-bytes", "in_octets", counters);
    counter(traffic, "output-bytes", "out_octets", counters);
    counter(traffic, "input-packets", "in_packets", counters);
    counter(traffic, "output-packets", "out_packets", counters);
  }

  private static void counter(Element parent, String element, String field, Map<String, Long> counters) {
    childText(parent, element).ifPresent(text -> JunosValues.unsigned64(text).ifPresent(v -> counters.put(field, v)));
  }

  /**
   * Changes when the interface is re-created (new SNMP or kernel index) or its statistics are
   * cleared. Uses the absolute part of {@code statistics-cleared} only: the "(... ago)" part and
   * the {@code seconds} attribute are relative and change on every poll.
   */
  private static String discontinuity(Element iface, String cleared) {
    return "snmp-index=" + childText(iface, "snmp-index").orElse("")
        + ";local-index=" + childText(iface, "local-index").orElse("")
        + ";statistics-cleared=" + cleared;
  }

  private static Map<String, String> tags(Optional<String> re, String name) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("interface", name);
    re.ifPresent(r -> tags.put("re", r));
    return tags;
  }

  private static String name(Element iface, String what) throws JunosParseException {
    Optional<String> name = childText(iface, "name");
    if (name.isEmpty()) {
      throw new JunosParseException("a <" + what + "> has no <name>");
    }
    return name.get();
  }

}
