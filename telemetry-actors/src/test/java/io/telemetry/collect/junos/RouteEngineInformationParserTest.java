package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The route-engine parser on small hand-written replies. */
class RouteEngineInformationParserTest {

  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");

  @Test
  void virtualChassisMembersAreTaggedAndTheMasterGivesTheUptime() throws Exception {
    String xml = """
        <rpc-reply xmlns:junos="http://xml.juniper.net/junos/21.4R3/junos">
          <multi-routing-engine-results>
            <multi-routing-engine-item>
              <re-name>fpc0</re-name>
              <route-engine-information xmlns="http://xml.juniper.net/junos/21.4R3/junos-chassis">
                <route-engine>
                  <slot>0</slot>
                  <mastership-state>backup</mastership-state>
                  <cpu-idle>90</cpu-idle>
                  <up-time junos:seconds="500">8 minutes, 20 seconds</up-time>
                </route-engine>
              </route-engine-information>
            </multi-routing-engine-item>
            <multi-routing-engine-item>
              <re-name>fpc1</re-name>
              <route-engine-information xmlns="http://xml.juniper.net/junos/21.4R3/junos-chassis">
                <route-engine>
                  <slot>0</slot>
                  <mastership-state>master</mastership-state>
                  <cpu-idle>75</cpu-idle>
                  <up-time junos:seconds="86400">1 day</up-time>
                </route-engine>
              </route-engine-information>
            </multi-routing-engine-item>
          </multi-routing-engine-results>
        </rpc-reply>
        """;
    RouteEngineInformationParser.Result result = RouteEngineInformationParser.parse("vc1", TIME, xml);
    assertEquals(List.of(
            Map.of("slot", "0", "re", "fpc0", "mastership", "backup"),
            Map.of("slot", "0", "re", "fpc1", "mastership", "master")),
        result.samples().stream().map(Sample::tags).toList());
    assertEquals(OptionalLong.of(86400), result.deviceUptimeSeconds());
    assertEquals(25.0, result.samples().get(1).gauges().get("cpu_util"));
  }

  @Test
  void uptimeTextIsReadWhenTheSecondsAttributeIsMissing() throws Exception {
    String xml = """
        <route-engine-information>
          <route-engine>
            <up-time>
        2 weeks, 3 days, 4 hours, 5 minutes, 6 seconds
        </up-time>
          </route-engine>
        </route-engine-information>
        """;
    long expected = 2 * 604800 + 3 * 86400 + 4 * 3600 + 5 * 60 + 6;
    RouteEngineInformationParser.Result result = RouteEngineInformationParser.parse("r1", TIME, xml);
    assertEquals(OptionalLong.of(expected), result.deviceUptimeSeconds());
    assertEquals((double) expected, result.samples().get(0).gauges().get("uptime_seconds"));
  }

  @Test
  void temperatureFromTextWhenTheCelsiusAttributeIsMissing() throws Exception {
    String xml = """
        <route-engine-information><route-engine>
          <temperature>
        41 degrees C / 105 degrees F
        </temperature>
          <cpu-temperature junos:celsius="52" xmlns:junos="http://xml.juniper.net/junos/*/junos">52 degrees C / 125 degrees F</cpu-temperature>
        </route-engine></route-engine-information>
        """;
    Map<String, Double> gauges = RouteEngineInformationParser.parse("r1", TIME, xml).samples().get(0).gauges();
    assertEquals(41.0, gauges.get("temperature_celsius"));
    assertEquals(52.0, gauges.get("cpu_temperature_celsius"));
  }

  @Test
  void newerMemoryElementsAreUsedWhenDramSizeIsMissing() throws Exception {
    String xml = """
        <route-engine-information><route-engine>
          <memory-system-total>1905</memory-system-total>
          <memory-system-total-util>35</memory-system-total-util>
        </route-engine></route-engine-information>
        """;
    Map<String, Double> gauges = RouteEngineInformationParser.parse("r1", TIME, xml).samples().get(0).gauges();
    assertEquals(1905.0 * 1024 * 1024, gauges.get("memory_bytes"));
    assertEquals(35.0, gauges.get("memory_utilization"));
  }

  @Test
  void missingValuesAreAbsentNotZero() throws Exception {
    String xml = "<route-engine-information><route-engine><slot>1</slot><cpu-user>3</cpu-user></route-engine></route-engine-information>";
    RouteEngineInformationParser.Result result = RouteEngineInformationParser.parse("r1", TIME, xml);
    assertEquals(Map.of("cpu_user", 3.0), result.samples().get(0).gauges());
    assertEquals(OptionalLong.empty(), result.deviceUptimeSeconds());
  }

  @Test
  void withoutAMasterTheFirstEngineGivesTheUptime() throws Exception {
    String xml = """
        <route-engine-information>
          <route-engine><up-time seconds="100">1 minute, 40 seconds</up-time></route-engine>
          <route-engine><up-time seconds="999">16 minutes, 39 seconds</up-time></route-engine>
        </route-engine-information>
        """;
    RouteEngineInformationParser.Result result = RouteEngineInformationParser.parse("r1", TIME, xml);
    assertEquals(OptionalLong.of(100), result.deviceUptimeSeconds());
    assertEquals(List.of(Map.of("slot", "0"), Map.of("slot", "1")),
        result.samples().stream().map(Sample::tags).toList(), "slot-less engines are told apart by position");
  }

  @Test
  void unexpectedRootIsAParseError() {
    JunosParseException e = assertThrows(JunosParseException.class,
        () -> RouteEngineInformationParser.parse("r1", TIME, "<rpc-reply><output>error: syntax error</output></rpc-reply>"));
    assertTrue(e.getMessage().contains("<route-engine-information>"), e.getMessage());
  }

  @Test
  void malformedXmlIsAParseError() {
    assertThrows(JunosParseException.class,
        () -> RouteEngineInformationParser.parse("r1", TIME, "<route-engine-information><route-engine>"));
  }
}
