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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.w3c.dom.Element;

/**
 * Reads a {@code get-route-engine-information} reply into {@code route_engine} samples, one per
 * routing engine (several for dual-RE chassis; one or more per member for virtual-chassis and
 * cluster replies wrapped in {@code multi-routing-engine-results}), and picks the device uptime.
 */
public final class RouteEngineInformationParser {

  public static final String FAMILY = "route_engine";
  public static final String RPC = "get-route-engine-information";

  /**
   * @param samples             one per routing engine, gauges only
   * @param deviceUptimeSeconds the uptime of the first RE whose mastership state is
   *                            {@code master}, else of the first RE of the reply; empty if that
   *                            RE reports none
   */
  public record Result(List<Sample> samples, OptionalLong deviceUptimeSeconds) {
    public Result {
      samples = List.copyOf(samples);
    }
  }

  private RouteEngineInformationParser() {}

  public static Result parse(String device, Instant time, String xml) throws JunosParseException {
    List<Sample> samples = new ArrayList<>();
    OptionalLong masterUptime = OptionalLong.empty();
    OptionalLong firstUptime = OptionalLong.empty();
    boolean masterSeen = false;
    boolean first = true;
    for (JunosXml.Body body : JunosXml.bodies(JunosXml.parse(xml), "route-engine-information")) {
      List<Element> engines = children(body.element(), "route-engine");
      for (int i = 0; i < engines.size(); i++) {
        Element re = engines.get(i);
        Optional<String> mastership = childText(re, "mastership-state");
        OptionalLong uptime = uptimeSeconds(re);
        if (first) {
          firstUptime = uptime;
          first = false;
        }
        if (!masterSeen && mastership.filter("master"::equalsIgnoreCase).isPresent()) {
          masterUptime = uptime;
          masterSeen = true;
        }
        samples.add(sample(device, time, body.reName(), re, i, mastership, uptime));
      }
    }
    return new Result(samples, masterSeen ? masterUptime : firstUptime);
  }

  private static Sample sample(String device, Instant time, Optional<String> reName, Element re, int index,
      Optional<String> mastership, OptionalLong uptime) {
    Map<String, String> tags = new LinkedHashMap<>();
    // Single-RE boxes (MX80, branch SRX, cluster nodes) report no slot: they are RE 0. Several
    // slot-less engines in one reply are told apart by their position.
    tags.put("slot", childText(re, "slot").orElse(Integer.toString(index)));
    reName.ifPresent(name -> tags.put("re", name));
    mastership.ifPresent(state -> tags.put("mastership", state));

    Map<String, Double> gauges = new LinkedHashMap<>();
    decimal(re, "cpu-user", "cpu_user", gauges);
    decimal(re, "cpu-background", "cpu_background", gauges);
    decimal(re, "cpu-system", "cpu_system", gauges);
    decimal(re, "cpu-interrupt", "cpu_interrupt", gauges);
    decimal(re, "cpu-idle", "cpu_idle", gauges);
    if (gauges.containsKey("cpu_idle")) {
      gauges.put("cpu_util", 100 - gauges.get("cpu_idle"));
    }
    OptionalDouble memoryUtilization = firstDecimal(re, "memory-buffer-utilization", "memory-system-total-util");
    memoryUtilization.ifPresent(v -> gauges.put("memory_utilization", v));
    memoryBytes(re).ifPresent(v -> gauges.put("memory_bytes", (double) v));
    child(re, "temperature").flatMap(RouteEngineInformationParser::celsius)
        .ifPresent(v -> gauges.put("temperature_celsius", v));
    child(re, "cpu-temperature").flatMap(RouteEngineInformationParser::celsius)
        .ifPresent(v -> gauges.put("cpu_temperature_celsius", v));
    uptime.ifPresent(v -> gauges.put("uptime_seconds", (double) v));
    decimal(re, "load-average-one", "load_average_1m", gauges);
    decimal(re, "load-average-five", "load_average_5m", gauges);
    decimal(re, "load-average-fifteen", "load_average_15m", gauges);

    return new Sample(device, FAMILY, time, tags, Map.of(), gauges, Map.of(), 64, "");
  }

  /** {@code up-time}'s {@code seconds} attribute, else its text ("165 days, 6 hours, ..."). */
  private static OptionalLong uptimeSeconds(Element re) {
    Optional<Element> upTime = child(re, "up-time");
    if (upTime.isEmpty()) {
      return OptionalLong.empty();
    }
    Optional<String> seconds = attribute(upTime.get(), "seconds");
    if (seconds.isPresent()) {
      OptionalLong parsed = JunosValues.unsigned64(seconds.get());
      if (parsed.isPresent()) {
        return parsed;
      }
    }
    return JunosValues.durationSeconds(JunosXml.text(upTime.get()));
  }

  /** DRAM size as the OS sees it; newer releases say memory-system-total; else the installed size. */
  private static OptionalLong memoryBytes(Element re) {
    for (String element : List.of("memory-dram-size", "memory-system-total", "memory-installed-size")) {
      Optional<String> text = childText(re, element);
      if (text.isPresent()) {
        OptionalLong bytes = JunosValues.memoryBytes(text.get());
        if (bytes.isPresent()) {
          return bytes;
        }
      }
    }
    return OptionalLong.empty();
  }

  private static Optional<Double> celsius(Element temperature) {
    Optional<Double> fromAttribute = attribute(temperature, "celsius")
        .flatMap(v -> JunosValues.boxed(JunosValues.decimal(v)));
    return fromAttribute.isPresent()
        ? fromAttribute
        : JunosValues.boxed(JunosValues.celsius(JunosXml.text(temperature)));
  }

  private static OptionalDouble firstDecimal(Element re, String... elements) {
    for (String element : elements) {
      Optional<String> text = childText(re, element);
      if (text.isPresent()) {
        OptionalDouble value = JunosValues.decimal(text.get());
        if (value.isPresent()) {
          return value;
        }
      }
    }
    return OptionalDouble.empty();
  }

  private static void decimal(Element re, String element, String field, Map<String, Double> gauges) {
    firstDecimal(re, element).ifPresent(v -> gauges.put(field, v));
  }
}
