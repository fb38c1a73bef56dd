package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Environment and power replies written by hand: virtual-chassis wrappers, fan RPM, odd classes. */
class EnvironmentInformationParserTest {

  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");

  /** An EX virtual chassis answers per member, inside multi-routing-engine-results. */
  private static final String VIRTUAL_CHASSIS = """
      <rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" xmlns:junos="http://xml.juniper.net/junos/21.4R3/junos">
        <multi-routing-engine-results>
          <multi-routing-engine-item>
            <re-name>fpc0</re-name>
            <environment-information xmlns="http://xml.juniper.net/junos/21.4R3/junos-chassis">
              <environment-item>
                <name>FPC 0 Power Supply 0</name>
                <class>Power</class>
                <status>OK</status>
              </environment-item>
              <environment-item>
                <name>FPC 0 Fan Tray 0 Fan 0</name>
                <class>Fans</class>
                <status>OK</status>
                <comment>Spinning at normal speed, 4920 RPM</comment>
              </environment-item>
              <environment-item>
                <name>FPC 0 CPU Sensor</name>
                <class>Temp</class>
                <status>OK</status>
                <temperature junos:celsius="44">44 degrees C / 111 degrees F</temperature>
              </environment-item>
            </environment-information>
          </multi-routing-engine-item>
          <multi-routing-engine-item>
            <re-name>fpc1</re-name>
            <environment-information xmlns="http://xml.juniper.net/junos/21.4R3/junos-chassis">
              <environment-item>
                <name>FPC 1 Power Supply 0</name>
                <class>Power</class>
                <status>Failed</status>
              </environment-item>
              <environment-item>
                <name>FPC 1 CPU Sensor</name>
                <class>Temp</class>
                <status>Check</status>
                <temperature>
        71 degrees C / 159 degrees F
        </temperature>
              </environment-item>
            </environment-information>
          </multi-routing-engine-item>
        </multi-routing-engine-results>
      </rpc-reply>
      """;

  @Test
  void virtualChassisMembersAreTaggedWithTheirReName() throws Exception {
    List<Sample> samples = EnvironmentInformationParser.parse("vc1", TIME, VIRTUAL_CHASSIS);
    assertEquals(5, samples.size());
    Sample fan = samples.get(1);
    assertEquals("environment", fan.family());
    assertEquals(Map.of("component", "FPC 0 Fan Tray 0 Fan 0", "kind", "fan", "re", "fpc0"), fan.tags());
    assertEquals(Map.of("status", 1.0, "present", 1.0, "fan_rpm", 4920.0), fan.gauges());
    assertEquals(Map.of("component", "FPC 0 CPU Sensor", "kind", "temperature", "re", "fpc0"), samples.get(2).tags());
    assertEquals(44.0, samples.get(2).gauges().get("temperature_celsius"), "junos:celsius attribute");
    Sample failed = samples.get(3);
    assertEquals(Map.of("component", "FPC 1 Power Supply 0", "kind", "power", "re", "fpc1"), failed.tags());
    assertEquals(Map.of("status", 0.0, "present", 1.0), failed.gauges(), "Failed: present but not OK");
    Sample hot = samples.get(4);
    assertEquals(Map.of("status", 0.0, "present", 1.0, "temperature_celsius", 71.0), hot.gauges(),
        "Check is not OK; the temperature comes from the text without the attribute");
    assertEquals(TIME, hot.time());
  }

  @Test
  void classesOtherThanTempFansAndPowerKeepTheirNameAndItemsBeforeAnyClassAreOther() throws Exception {
    String xml = """
        <environment-information>
          <environment-item><name>Chassis Sensor</name><status>OK</status></environment-item>
          <environment-item><name>Input 0</name><class>Input Power</class><status>OK</status></environment-item>
          <environment-item><name>Input 1</name><status>Absent</status></environment-item>
        </environment-information>
        """;
    List<Sample> samples = EnvironmentInformationParser.parse("r1", TIME, xml);
    assertEquals(List.of("other", "input_power", "input_power"), samples.stream().map(s -> s.tags().get("kind")).toList());
    assertEquals(Map.of("status", 0.0, "present", 0.0), samples.get(2).gauges());
  }

  @Test
  void powerUsageOfAMultiReReplyMergesWithTheSameMembersItems() throws Exception {
    String power = """
        <rpc-reply>
          <multi-routing-engine-results>
            <multi-routing-engine-item>
              <re-name>fpc0</re-name>
              <power-usage-information>
                <power-usage-item>
                  <name>FPC 0 Power Supply 0</name>
                  <state>Online</state>
                  <pem-capacity-detail><capacity-actual>650</capacity-actual><capacity-max>650</capacity-max></pem-capacity-detail>
                  <dc-output-detail><dc-power>210</dc-power></dc-output-detail>
                </power-usage-item>
              </power-usage-information>
            </multi-routing-engine-item>
          </multi-routing-engine-results>
        </rpc-reply>
        """;
    List<Sample> merged = EnvironmentMerge.merge(EnvironmentInformationParser.parse("vc1", TIME, VIRTUAL_CHASSIS),
        PowerUsageParser.parse("vc1", TIME.plusMillis(30), power));
    assertEquals(5, merged.size(), "the supply joined its environment item");
    Sample supply = merged.get(0);
    assertEquals(Map.of("component", "FPC 0 Power Supply 0", "kind", "power", "re", "fpc0"), supply.tags());
    assertEquals(Map.of("status", 1.0, "present", 1.0, "power_capacity_watts", 650.0, "power_output_watts", 210.0),
        supply.gauges());
  }

  @Test
  void theEnvironmentStatusWinsOverThePowerState() throws Exception {
    String environment = "<environment-information><environment-item><name>PEM 1</name><class>Power</class>"
        + "<status>Check</status></environment-item></environment-information>";
    String power = "<power-usage-information><power-usage-item><name>PEM 1</name><state>Online</state>"
        + "</power-usage-item></power-usage-information>";
    List<Sample> merged = EnvironmentMerge.merge(EnvironmentInformationParser.parse("r1", TIME, environment),
        PowerUsageParser.parse("r1", TIME, power));
    assertEquals(1, merged.size());
    assertEquals(0.0, merged.get(0).gauges().get("status"));
  }

  @Test
  void anItemWithoutNameOrTheWrongDocumentIsRefused() {
    JunosParseException noName = assertThrows(JunosParseException.class, () -> EnvironmentInformationParser.parse("r1",
        TIME, "<environment-information><environment-item><status>OK</status></environment-item></environment-information>"));
    assertTrue(noName.getMessage().contains("<name>"), noName.getMessage());
    JunosParseException wrong = assertThrows(JunosParseException.class,
        () -> PowerUsageParser.parse("r1", TIME, "<rpc-reply><output>error: command not found</output></rpc-reply>"));
    assertTrue(wrong.getMessage().contains("power-usage-information"), wrong.getMessage());
  }
}
