package io.telemetry.collect.cli;

import io.telemetry.collect.junos.InterfaceInformationParser;
import io.telemetry.collect.junos.JunosParseException;
import io.telemetry.collect.junos.RouteEngineInformationParser;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The Junos documents the cli collector can read, by their payload element, each read by the
 * same parser the NETCONF collector uses: {@code show interfaces extensive | display xml} holds
 * the {@code interface-information} of {@code <get-interface-information><extensive/>}, and
 * {@code show chassis routing-engine | display xml} the {@code route-engine-information} of
 * {@code <get-route-engine-information/>}.
 */
final class JunosPayloadParsers {

  /** What one payload gave: samples, and the device uptime when the payload tells it. */
  record Parsed(List<Sample> samples, OptionalLong deviceUptimeSeconds) {}

  @FunctionalInterface
  interface Parser {
    Parsed parse(String device, Instant time, String xml) throws JunosParseException;
  }

  private static final Map<String, Parser> BY_ELEMENT = Map.of(
      "interface-information",
      (device, time, xml) -> new Parsed(InterfaceInformationParser.parse(device, time, xml), OptionalLong.empty()),
      "route-engine-information",
      (device, time, xml) -> {
        RouteEngineInformationParser.Result result = RouteEngineInformationParser.parse(device, time, xml);
        return new Parsed(result.samples(), result.deviceUptimeSeconds());
      });

  private JunosPayloadParsers() {}

  static Optional<Parser> forElement(String payload) {
    return Optional.ofNullable(BY_ELEMENT.get(payload));
  }

  static String known() {
    return new TreeSet<>(BY_ELEMENT.keySet()).toString();
  }
}
