package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The interface parser on small hand-written replies, one Junos quirk per test. */
class InterfaceInformationParserTest {

  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09.000000123Z");

  @Test
  void textWrappedInNewlinesIsTrimmed() throws Exception {
    String xml = """
        <interface-information>
          <physical-interface>
            <name>
        xe-1/2/3
        </name>
            <admin-status>
        up
        </admin-status>
            <oper-status>
        down
        </oper-status>
            <speed>
        10Gbps
        </speed>
            <traffic-statistics>
              <input-bytes>
        12345
        </input-bytes>
            </traffic-statistics>
          </physical-interface>
        </interface-information>
        """;
    Sample sample = only(InterfaceInformationParser.parse("r1", TIME, xml));
    assertEquals(Map.of("interface", "xe-1/2/3"), sample.tags());
    assertEquals(Map.of("in_octets", 12345L), sample.counters());
    assertEquals(Map.of("admin_status", 1.0, "oper_status", 0.0, "speed_bps", 1e10), sample.gauges());
    assertEquals(TIME, sample.time());
  }

  @Test
  void namespacedReplyWithJunosAttributes() throws Exception {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" xmlns:junos="http://xml.juniper.net/junos/23.4R1/junos" message-id="7">
          <interface-information xmlns="http://xml.juniper.net/junos/23.4R1/junos-interface" junos:style="extensive">
            <physical-interface>
              <name>et-0/0/0</name>
              <admin-status junos:format="Enabled">up</admin-status>
              <oper-status>up</oper-status>
              <speed>100Gbps</speed>
              <interface-flapped junos:seconds="3600">2024-05-06 06:08:09 UTC (01:00:00 ago)</interface-flapped>
              <statistics-cleared>Never</statistics-cleared>
              <traffic-statistics junos:style="verbose">
                <input-bytes>18446744073709551615</input-bytes>
                <output-bytes>2</output-bytes>
                <input-packets>3</input-packets>
                <output-packets>4</output-packets>
              </traffic-statistics>
            </physical-interface>
          </interface-information>
        </rpc-reply>
        """;
    Sample sample = only(InterfaceInformationParser.parse("r1", TIME, xml));
    assertEquals(-1L, sample.counters().get("in_octets"), "2^64-1 keeps its bits as an unsigned long");
    assertEquals("18446744073709551615", Long.toUnsignedString(sample.counters().get("in_octets")));
    assertEquals(1e11, sample.gauges().get("speed_bps"));
  }

  @Test
  void countersTheDeviceDoesNotReportAreAbsent() throws Exception {
    String xml = """
        <interface-information>
          <physical-interface>
            <name>gr-0/0/0</name>
            <traffic-statistics>
              <input-bytes>10</input-bytes>
              <output-bytes></output-bytes>
              <input-packets>n/a</input-packets>
            </traffic-statistics>
            <output-error-list>
              <output-errors>5</output-errors>
            </output-error-list>
          </physical-interface>
        </interface-information>
        """;
    Sample sample = only(InterfaceInformationParser.parse("r1", TIME, xml));
    assertEquals(Map.of("in_octets", 10L, "out_errors", 5L), sample.counters());
    assertEquals(Map.of(), sample.gauges(), "no status or speed reported");
  }

  @Test
  void nestedIpv6StatisticsDoNotShadowTheInterfaceTotals() throws Exception {
    String xml = """
        <interface-information>
          <physical-interface>
            <name>ge-0/0/1</name>
            <traffic-statistics>
              <ipv6-transit-statistics>
                <input-bytes>1</input-bytes>
                <output-bytes>2</output-bytes>
                <input-packets>3</input-packets>
                <output-packets>4</output-packets>
              </ipv6-transit-statistics>
              <input-bytes>1000</input-bytes>
              <output-bytes>2000</output-bytes>
              <input-packets>30</input-packets>
              <output-packets>40</output-packets>
            </traffic-statistics>
          </physical-interface>
        </interface-information>
        """;
    Sample sample = only(InterfaceInformationParser.parse("r1", TIME, xml));
    assertEquals(Map.of("in_octets", 1000L, "out_octets", 2000L, "in_packets", 30L, "out_packets", 40L),
        sample.counters());
  }

  @Test
  void errorAndDiscardCountersFollowNapalmsElements() throws Exception {
    String xml = """
        <interface-information>
          <physical-interface>
            <name>ge-0/0/2</name>
            <input-error-list>
              <input-errors>11</input-errors>
              <input-drops>99</input-drops>
              <input-discards>12</input-discards>
            </input-error-list>
            <output-error-list>
              <output-errors>21</output-errors>
              <output-drops>22</output-drops>
            </output-error-list>
          </physical-interface>
        </interface-information>
        """;
    Sample sample = only(InterfaceInformationParser.parse("r1", TIME, xml));
    assertEquals(Map.of("in_errors", 11L, "in_discards", 12L, "out_errors", 21L, "out_discards", 22L),
        sample.counters());
  }

  @Test
  void discontinuityIgnoresTheRelativePartOfStatisticsCleared() throws Exception {
    String first = interfaceWithCleared("511", "2024-05-01 10:00:00 UTC (5d 00:00 ago)");
    String later = interfaceWithCleared("511", "2024-05-01 10:00:00 UTC (5d 00:01 ago)");
    String clearedAgain = interfaceWithCleared("511", "2024-05-06 09:00:00 UTC (00:01:00 ago)");
    String recreated = interfaceWithCleared("612", "2024-05-01 10:00:00 UTC (5d 00:01 ago)");

    String token = only(InterfaceInformationParser.parse("r1", TIME, first)).discontinuity();
    assertEquals("snmp-index=511;local-index=140;statistics-cleared=2024-05-01 10:00:00 UTC", token);
    assertEquals(token, only(InterfaceInformationParser.parse("r1", TIME, later)).discontinuity());
    assertNotEquals(token, only(InterfaceInformationParser.parse("r1", TIME, clearedAgain)).discontinuity());
    assertNotEquals(token, only(InterfaceInformationParser.parse("r1", TIME, recreated)).discontinuity());
  }

  @Test
  void logicalUnitsAreOwnSeriesWithTheParentsClearTime() throws Exception {
    String xml = """
        <interface-information>
          <physical-interface>
            <name>ae0</name>
            <statistics-cleared>2024-05-01 10:00:00 UTC (5d 00:00 ago)</statistics-cleared>
            <logical-interface>
              <name>ae0.100</name>
              <local-index>77</local-index>
              <snmp-index>600</snmp-index>
              <traffic-statistics>
                <input-bytes>5</input-bytes>
                <output-bytes>6</output-bytes>
              </traffic-statistics>
            </logical-interface>
          </physical-interface>
        </interface-information>
        """;
    List<Sample> samples = InterfaceInformationParser.parse("r1", TIME, xml);
    assertEquals(2, samples.size());
    Sample unit = samples.get(1);
    assertEquals(Map.of("interface", "ae0.100"), unit.tags());
    assertEquals(Map.of("in_octets", 5L, "out_octets", 6L), unit.counters());
    assertEquals("snmp-index=600;local-index=77;statistics-cleared=2024-05-01 10:00:00 UTC", unit.discontinuity());
  }

  @Test
  void multiRoutingEngineRepliesTagEachMember() throws Exception {
    String xml = """
        <rpc-reply xmlns:junos="http://xml.juniper.net/junos/12.3R3/junos">
          <multi-routing-engine-results>
            <multi-routing-engine-item>
              <re-name>node0</re-name>
              <interface-information><physical-interface><name>fab0</name></physical-interface></interface-information>
            </multi-routing-engine-item>
            <multi-routing-engine-item>
              <re-name>node1</re-name>
              <interface-information><physical-interface><name>fab1</name></physical-interface></interface-information>
            </multi-routing-engine-item>
          </multi-routing-engine-results>
        </rpc-reply>
        """;
    assertEquals(List.of(Map.of("interface", "fab0", "re", "node0"), Map.of("interface", "fab1", "re", "node1")),
        InterfaceInformationParser.parse("r1", TIME, xml).stream().map(Sample::tags).toList());
  }

  @Test
  void rpcWarningsBesideThePayloadAreIgnored() throws Exception {
    String xml = """
        <rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
          <rpc-error>
            <error-severity>warning</error-severity>
            <error-message>statistics are being refreshed</error-message>
          </rpc-error>
          <interface-information><physical-interface><name>ge-0/0/5</name></physical-interface></interface-information>
        </rpc-reply>
        """;
    assertEquals(Map.of("interface", "ge-0/0/5"), only(InterfaceInformationParser.parse("r1", TIME, xml)).tags());
  }

  @ParameterizedTest
  @CsvSource({"1000mbps,1e9", "10Gbps,1e10", "2.5Gbps,2.5e9", "100mbps,1e8", "800Gbps,8e11"})
  void knownSpeeds(String text, double bps) throws Exception {
    assertEquals(bps, only(InterfaceInformationParser.parse("r1", TIME, withSpeed(text))).gauges().get("speed_bps"));
  }

  @ParameterizedTest
  @CsvSource({"Auto", "Unlimited", "Unspecified", "SONET"})
  void unknownSpeedsAreAbsent(String text) throws Exception {
    assertEquals(null, only(InterfaceInformationParser.parse("r1", TIME, withSpeed(text))).gauges().get("speed_bps"));
  }

  @Test
  void malformedXmlIsAParseErrorWithItsPosition() {
    JunosParseException e = assertThrows(JunosParseException.class, () -> InterfaceInformationParser.parse(
        "r1", TIME, "<interface-information>\n<physical-interface><name>ge-0/0/0</name>\n</interface-information>"));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void unexpectedRootNamesWhatWasExpected() {
    JunosParseException e = assertThrows(JunosParseException.class, () -> InterfaceInformationParser.parse(
        "r1", TIME, "<rpc-reply><route-engine-information/></rpc-reply>"));
    assertTrue(e.getMessage().contains("<interface-information>"), e.getMessage());
    assertTrue(e.getMessage().contains("route-engine-information"), e.getMessage());
  }

  @Test
  void emptyReplyIsAParseError() {
    assertThrows(JunosParseException.class, () -> InterfaceInformationParser.parse("r1", TIME, "  "));
  }

  @Test
  void interfaceWithoutNameIsAParseError() {
    JunosParseException e = assertThrows(JunosParseException.class, () -> InterfaceInformationParser.parse(
        "r1", TIME, "<interface-information><physical-interface><mtu>1514</mtu></physical-interface></interface-information>"));
    assertTrue(e.getMessage().contains("physical-interface"), e.getMessage());
  }

  @Test
  void externalEntitiesAreRefused() {
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE interface-information [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
        <interface-information><physical-interface><name>&secret;</name></physical-interface></interface-information>
        """;
    assertThrows(JunosParseException.class, () -> InterfaceInformationParser.parse("r1", TIME, xxe));
  }

  private static String interfaceWithCleared(String snmpIndex, String cleared) {
    return """
        <interface-information>
          <physical-interface>
            <name>ge-0/0/3</name>
            <local-index>140</local-index>
            <snmp-index>%s</snmp-index>
            <statistics-cleared>%s</statistics-cleared>
          </physical-interface>
        </interface-information>
        """.formatted(snmpIndex, cleared);
  }

  private static String withSpeed(String speed) {
    return "<interface-information><physical-interface><name>ge-0/0/4</name><speed>" + speed
        + "</speed></physical-interface></interface-information>";
  }

  private static Sample only(List<Sample> samples) {
    assertEquals(1, samples.size(), "samples: " + samples);
    return samples.get(0);
  }
}
