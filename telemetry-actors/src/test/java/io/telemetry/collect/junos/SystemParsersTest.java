package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.telemetry.collect.junos.LldpNeighborsParser.Neighbor;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Storage, alarm, LLDP, descriptions and instance replies written by hand (the corpus has no
 * captures of the first three), including dual-RE and virtual-chassis wrappers.
 */
class SystemParsersTest {

  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");

  @Test
  void storageOfBothRoutingEnginesInBytes() throws Exception {
    String xml = """
        <rpc-reply xmlns:junos="http://xml.juniper.net/junos/18.2R1/junos">
          <multi-routing-engine-results>
            <multi-routing-engine-item>
              <re-name>re0</re-name>
              <system-storage-information junos:style="brief">
                <filesystem>
                  <filesystem-name>/dev/gpt/junos</filesystem-name>
                  <total-blocks junos:format="1.3G">2796512</total-blocks>
                  <used-blocks junos:format="814M">1667792</used-blocks>
                  <available-blocks junos:format="442M">905000</available-blocks>
                  <used-percent> 65</used-percent>
                  <mounted-on>/.mount</mounted-on>
                </filesystem>
              </system-storage-information>
            </multi-routing-engine-item>
            <multi-routing-engine-item>
              <re-name>re1</re-name>
              <system-storage-information junos:style="brief">
                <filesystem>
                  <filesystem-name>tmpfs</filesystem-name>
                  <total-blocks junos:format="1.0G">2097152</total-blocks>
                  <used-blocks junos:format="0B">0</used-blocks>
                  <available-blocks junos:format="1.0G">2097152</available-blocks>
                  <used-percent>0%</used-percent>
                  <mounted-on>/tmp</mounted-on>
                </filesystem>
              </system-storage-information>
            </multi-routing-engine-item>
          </multi-routing-engine-results>
        </rpc-reply>
        """;
    List<Sample> samples = SystemStorageParser.parse("mx", TIME, xml);
    assertEquals(2, samples.size());
    assertEquals("storage", samples.get(0).family());
    assertEquals(Map.of("filesystem", "/dev/gpt/junos", "mount", "/.mount", "re", "re0"), samples.get(0).tags());
    // 512-byte blocks: 2796512 blocks is the "1.3G" of junos:format.
    assertEquals(Map.of("total_bytes", 2796512 * 512.0, "used_bytes", 1667792 * 512.0,
        "available_bytes", 905000 * 512.0, "used_percent", 65.0), samples.get(0).gauges());
    assertEquals(Map.of("filesystem", "tmpfs", "mount", "/tmp", "re", "re1"), samples.get(1).tags());
    assertEquals(0.0, samples.get(1).gauges().get("used_percent"));
    assertEquals(1L << 30, samples.get(1).gauges().get("total_bytes").longValue());
  }

  @Test
  void alarmsAreCountedPerClassAndMajorAndMinorAreAlwaysThere() throws Exception {
    String none = """
        <rpc-reply><alarm-information xmlns="http://xml.juniper.net/junos/21.4R3/junos-alarm">
          <alarm-summary><no-active-alarms/></alarm-summary>
        </alarm-information></rpc-reply>
        """;
    assertEquals(List.of(Map.of("class", "major"), Map.of("class", "minor")),
        AlarmInformationParser.parse("r1", TIME, none).stream().map(Sample::tags).toList());
    assertEquals(List.of(0.0, 0.0),
        AlarmInformationParser.parse("r1", TIME, none).stream().map(s -> s.gauges().get("active")).toList());

    String some = """
        <alarm-information>
          <alarm-summary><active-alarm-count>3</active-alarm-count></alarm-summary>
          <alarm-detail><alarm-time seconds="1714979289">2024-05-06 07:08:09 UTC</alarm-time>
            <alarm-class>Major</alarm-class><alarm-description>PEM 1 Not OK</alarm-description></alarm-detail>
          <alarm-detail><alarm-class>Major</alarm-class><alarm-description>Fan Tray Failure</alarm-description></alarm-detail>
          <alarm-detail><alarm-class>Minor</alarm-class><alarm-description>Rescue configuration is not set</alarm-description></alarm-detail>
        </alarm-information>
        """;
    List<Sample> samples = AlarmInformationParser.parse("r1", TIME, some);
    assertEquals(Map.of("major", 2.0, "minor", 1.0), Map.of(
        samples.get(0).tags().get("class"), samples.get(0).gauges().get("active"),
        samples.get(1).tags().get("class"), samples.get(1).gauges().get("active")));
  }

  @Test
  void alarmsOfVirtualChassisMembers() throws Exception {
    String xml = """
        <multi-routing-engine-results>
          <multi-routing-engine-item><re-name>fpc0</re-name>
            <alarm-information><alarm-detail><alarm-class>Major</alarm-class></alarm-detail></alarm-information>
          </multi-routing-engine-item>
          <multi-routing-engine-item><re-name>fpc1</re-name>
            <alarm-information><alarm-summary><no-active-alarms/></alarm-summary></alarm-information>
          </multi-routing-engine-item>
        </multi-routing-engine-results>
        """;
    List<Sample> samples = AlarmInformationParser.parse("vc", TIME, xml);
    assertEquals(4, samples.size());
    assertEquals(Map.of("class", "major", "re", "fpc0"), samples.get(0).tags());
    assertEquals(1.0, samples.get(0).gauges().get("active"));
    assertEquals(Map.of("class", "major", "re", "fpc1"), samples.get(2).tags());
    assertEquals(0.0, samples.get(2).gauges().get("active"));
  }

  @Test
  void lldpOfVirtualChassisMembersAndNeighborsWithoutNames() throws Exception {
    String xml = """
        <rpc-reply>
          <multi-routing-engine-results>
            <multi-routing-engine-item><re-name>fpc0</re-name>
              <lldp-neighbors-information>
                <lldp-neighbor-information>
                  <lldp-local-port-id>ge-0/0/1</lldp-local-port-id>
                  <lldp-remote-chassis-id>00:11:22:33:44:55</lldp-remote-chassis-id>
                  <lldp-remote-port-description>port 7</lldp-remote-port-description>
                </lldp-neighbor-information>
              </lldp-neighbors-information>
            </multi-routing-engine-item>
            <multi-routing-engine-item><re-name>fpc1</re-name>
              <lldp-neighbors-information>
                <lldp-neighbor-information>
                  <lldp-local-port-id>ge-1/0/1</lldp-local-port-id>
                  <lldp-remote-port-id>Ethernet3</lldp-remote-port-id>
                  <lldp-remote-system-name>leaf3</lldp-remote-system-name>
                </lldp-neighbor-information>
                <lldp-neighbor-information>
                  <lldp-local-port-id>ge-1/0/1</lldp-local-port-id>
                  <lldp-remote-port-id>Ethernet4</lldp-remote-port-id>
                  <lldp-remote-system-name>leaf2</lldp-remote-system-name>
                </lldp-neighbor-information>
              </lldp-neighbors-information>
            </multi-routing-engine-item>
          </multi-routing-engine-results>
        </rpc-reply>
        """;
    Map<String, List<Neighbor>> neighbors = LldpNeighborsParser.parse(xml);
    assertEquals(Map.of("ge-0/0/1", List.of(new Neighbor("00:11:22:33:44:55", "port 7")),
        "ge-1/0/1", List.of(new Neighbor("leaf3", "Ethernet3"), new Neighbor("leaf2", "Ethernet4"))), neighbors);
    Sample tagged = InterfaceInventory.EMPTY.withLldp(neighbors).tag(new Sample("vc", "interface", TIME,
        Map.of("interface", "ge-1/0/1", "re", "fpc1"), Map.of(), Map.of(), Map.of(), 64, ""));
    assertEquals(Map.of("interface", "ge-1/0/1", "re", "fpc1", "lldp_neighbor", "leaf2,leaf3",
        "lldp_neighbor_port", "Ethernet4,Ethernet3"), tagged.tags(), "two neighbors, sorted by name, ports in step");
  }

  @Test
  void descriptionsOfPhysicalAndLogicalInterfaces() throws Exception {
    String xml = """
        <rpc-reply xmlns:junos="http://xml.juniper.net/junos/22.4R1/junos">
          <interface-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-interface" junos:style="description">
            <physical-interface>
              <name>xe-0/0/0</name><admin-status>up</admin-status><oper-status>up</oper-status>
              <description>
        core1 xe-1/0/0 &amp; more
        </description>
            </physical-interface>
            <logical-interface>
              <name>xe-0/0/0.100</name><admin-status>up</admin-status><oper-status>up</oper-status>
              <description>customer A</description>
            </logical-interface>
            <physical-interface>
              <name>xe-0/0/1</name>
              <logical-interface><name>xe-0/0/1.0</name><description>nested unit</description></logical-interface>
            </physical-interface>
          </interface-information>
        </rpc-reply>
        """;
    assertEquals(Map.of("xe-0/0/0", "core1 xe-1/0/0 & more", "xe-0/0/0.100", "customer A", "xe-0/0/1.0", "nested unit"),
        InterfaceDescriptionsParser.parse(xml));
  }

  @Test
  void descriptionsOfVirtualChassisMembersAreOneMap() throws Exception {
    String xml = """
        <rpc-reply>
          <multi-routing-engine-results>
            <multi-routing-engine-item><re-name>fpc0</re-name>
              <interface-information junos:style="description" xmlns:junos="http://xml.juniper.net/junos/21.4R3/junos">
                <physical-interface><name>ge-0/0/1</name><description>printer</description></physical-interface>
              </interface-information>
            </multi-routing-engine-item>
            <multi-routing-engine-item><re-name>fpc1</re-name>
              <interface-information>
                <physical-interface><name>ge-1/0/1</name><description>camera</description></physical-interface>
                <physical-interface><name>ge-1/0/2</name></physical-interface>
              </interface-information>
            </multi-routing-engine-item>
          </multi-routing-engine-results>
        </rpc-reply>
        """;
    assertEquals(Map.of("ge-0/0/1", "printer", "ge-1/0/1", "camera"), InterfaceDescriptionsParser.parse(xml),
        "member interface names are unique (the member is their first number)");
  }

  @Test
  void anInventoryItemWithoutItsNameIsRefused() {
    assertThrows(JunosParseException.class, () -> LldpNeighborsParser.parse(
        "<lldp-neighbors-information><lldp-neighbor-information><lldp-remote-system-name>x</lldp-remote-system-name>"
            + "</lldp-neighbor-information></lldp-neighbors-information>"));
    assertThrows(JunosParseException.class, () -> InstanceInformationParser.parse(
        "<instance-information><instance-core><instance-type>vrf</instance-type></instance-core></instance-information>"));
    assertThrows(JunosParseException.class, () -> SystemStorageParser.parse("r1", TIME,
        "<system-storage-information><filesystem><total-blocks>1</total-blocks></filesystem></system-storage-information>"));
  }
}
