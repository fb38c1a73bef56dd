package io.telemetry.simulate;

import static io.telemetry.simulate.ReplyReader.child;
import static io.telemetry.simulate.ReplyReader.children;
import static io.telemetry.simulate.ReplyReader.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import io.telemetry.collect.netconf.NetconfConnector;
import io.telemetry.collect.netconf.SshNetconfClient;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.collect.ssh.SshSettings;
import io.telemetry.inventory.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The simulator's environment, power, BGP, storage, alarm, LLDP, descriptions and instance
 * replies, read over a real NETCONF session with the JDK's DOM parser (independently of the
 * collector's parsers), and the switches that change them.
 */
class FullSetRepliesTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String SUMMARY_ALL = "<get-bgp-summary-information/>";

  @TempDir static Path dir;
  private static SimulatedFleet fleet;
  private static SshConnector ssh;
  private static NetconfConnector netconf;

  @BeforeAll
  static void startFleet() throws Exception {
    fleet = SimulatedFleet.start(FleetSpec.of(8).withInterfaces(4).withHostKeyFile(dir.resolve("host-key")));
    fleet.writeKnownHosts(dir.resolve("known_hosts"));
    ssh = new SshConnector(new SshSettings(dir.resolve("known_hosts"), false, TIMEOUT, TIMEOUT, Duration.ofSeconds(15)));
    netconf = new NetconfConnector(ssh);
  }

  @AfterAll
  static void stopFleet() {
    if (ssh != null) {
      ssh.close();
    }
    if (fleet != null) {
      fleet.close();
    }
  }

  private static SshNetconfClient open(String id) throws CollectException {
    Target target = fleet.targets(Duration.ofSeconds(30), TIMEOUT).stream().filter(t -> t.id().equals(id))
        .findFirst().orElseThrow();
    return netconf.open(target);
  }

  private static ReplyReader ask(SshNetconfClient client, String request) throws Exception {
    return new ReplyReader(client.rpc(request, TIMEOUT));
  }

  private static String summary(String instance) {
    return "<get-bgp-summary-information><instance>" + instance + "</instance></get-bgp-summary-information>";
  }

  /** bgp-peer elements of a summary by peer address. */
  private static Map<String, Element> peers(ReplyReader reply) {
    Map<String, Element> peers = new LinkedHashMap<>();
    for (Element peer : children(reply.payload(), "bgp-peer")) {
      peers.put(text(peer, "peer-address"), peer);
    }
    return peers;
  }

  private static long elapsedSeconds(Element peer) {
    return Long.parseLong(child(peer, "elapsed-time").getAttributeNS("http://xml.juniper.net/junos/21.4R0/junos", "seconds"));
  }

  private static long number(Element parent, String element) {
    return Long.parseLong(text(parent, element));
  }

  @Test
  void bgpSummaryPerInstanceAndForAll() throws Exception {
    SimulatedDevice device = fleet.device("sim-0001");
    Map<String, Set<String>> byInstance = device.bgpPeers().stream().collect(Collectors.groupingBy(
        SimulatedDevice.BgpPeer::instance, Collectors.mapping(SimulatedDevice.BgpPeer::address, Collectors.toSet())));
    assertEquals(Set.of("master", "CUST-A"), byInstance.keySet());
    try (SshNetconfClient client = open("sim-0001")) {
      ReplyReader master = ask(client, summary("master"));
      assertEquals("bgp-information", master.payload().getLocalName());
      assertTrue(master.payload().getNamespaceURI().endsWith("/junos-routing"));
      assertEquals(byInstance.get("master"), peers(master).keySet());
      assertEquals(3, number(master.payload(), "peer-count"));
      assertEquals(0, number(master.payload(), "down-peer-count"));
      assertEquals(byInstance.get("CUST-A"), peers(ask(client, summary("CUST-A"))).keySet());
      assertEquals(5, peers(ask(client, SUMMARY_ALL)).size(), "without an instance: every instance's peers");

      for (Element peer : peers(master).values()) {
        assertEquals("Established", text(peer, "peer-state"));
        assertEquals("Establ", child(peer, "peer-state").getAttributeNS(
            "http://xml.juniper.net/junos/21.4R0/junos", "format"));
        Element elapsed = child(peer, "elapsed-time");
        long seconds = Long.parseLong(elapsed.getAttributeNS("http://xml.juniper.net/junos/21.4R0/junos", "seconds"));
        assertEquals(device.uptimeSeconds(), seconds, 2.0, "up since the device booted");
        Element table = children(peer, "bgp-rib").get(0);
        assertTrue(number(table, "received-prefix-count") >= number(table, "accepted-prefix-count"));
        assertTrue(number(table, "accepted-prefix-count") >= number(table, "active-prefix-count"));
      }
      Element dualStack = peers(ask(client, summary("CUST-A"))).values().stream()
          .filter(p -> children(p, "bgp-rib").size() == 2).findFirst().orElseThrow();
      assertEquals(List.of("CUST-A.inet.0", "CUST-A.inet6.0"),
          children(dualStack, "bgp-rib").stream().map(t -> text(t, "name")).toList());

      CollectException unknown = assertThrows(CollectException.class, () -> client.rpc(summary("NOPE"), TIMEOUT));
      assertEquals(Kind.RPC_ERROR, unknown.kind());
      assertTrue(unknown.getMessage().contains("NOPE"), unknown.getMessage());
    }
  }

  @Test
  void aPeerTakenDownFlapsStopsCountingAndComesBack() throws Exception {
    SimulatedDevice device = fleet.device("sim-0002");
    String peer = device.bgpPeers().get(2).address();
    try (SshNetconfClient client = open("sim-0002")) {
      Element before = peers(ask(client, SUMMARY_ALL)).get(peer);
      long flaps = number(before, "flap-count");

      device.setBgpPeerUp(peer, false);
      assertFalse(device.bgpPeerEstablished(peer));
      Element down = peers(ask(client, SUMMARY_ALL)).get(peer);
      assertEquals("Active", text(down, "peer-state"));
      assertEquals(List.of(), children(down, "bgp-rib"), "a session that is down feeds no table");
      assertEquals(flaps + 1, number(down, "flap-count"));
      assertEquals(device.bgpFlapCount(peer), number(down, "flap-count"));
      assertTrue(elapsedSeconds(down) <= 2, "Last Up/Dwn restarted: " + text(down, "elapsed-time"));
      assertEquals(4, peers(ask(client, SUMMARY_ALL)).values().stream()
          .filter(p -> text(p, "peer-state").equals("Established")).count(), "the other sessions stay up");

      device.setBgpPeerUp(peer, true);
      Element up = peers(ask(client, SUMMARY_ALL)).get(peer);
      assertEquals("Established", text(up, "peer-state"));
      assertEquals(flaps + 1, number(up, "flap-count"), "coming back is not another flap");
      assertFalse(children(up, "bgp-rib").isEmpty());

      device.setBgpPeerUp(peer, false);
      device.setBgpPeerUp(peer, true);
      assertEquals(flaps + 2, number(peers(ask(client, SUMMARY_ALL)).get(peer), "flap-count"));
    }
  }

  @Test
  void aLinkTakenDownTakesItsSessionsAndItsLldpNeighborWithIt() throws Exception {
    SimulatedDevice device = fleet.device("sim-0003");
    List<String> overLink = device.bgpPeers().stream().filter(p -> p.localInterface().equals("ge-0/0/0"))
        .map(SimulatedDevice.BgpPeer::address).toList();
    assertEquals(2, overLink.size(), "the IPv4 and IPv6 transit sessions run over ge-0/0/0");
    try (SshNetconfClient client = open("sim-0003")) {
      assertEquals(Set.of("ge-0/0/0", "ge-0/0/1"), lldpLocalPorts(ask(client, "<get-lldp-neighbors-information/>")));

      device.setLinkUp("ge-0/0/0", false);
      Map<String, Element> peers = peers(ask(client, SUMMARY_ALL));
      for (String address : overLink) {
        assertEquals("Active", text(peers.get(address), "peer-state"), address);
      }
      assertEquals(3, peers.values().stream().filter(p -> text(p, "peer-state").equals("Established")).count());
      assertEquals(Set.of("ge-0/0/1"), lldpLocalPorts(ask(client, "<get-lldp-neighbors-information/>")));
      Map<String, String> operStatus = children(ask(client, "<get-interface-information><descriptions/></get-interface-information>")
          .payload(), "physical-interface").stream().collect(Collectors.toMap(e -> text(e, "name"), e -> text(e, "oper-status")));
      assertEquals("down", operStatus.get("ge-0/0/0"));

      device.setLinkUp("ge-0/0/0", true);
      peers = peers(ask(client, SUMMARY_ALL));
      for (String address : overLink) {
        assertEquals("Established", text(peers.get(address), "peer-state"), address);
        assertEquals(device.bgpFlapCount(address), number(peers.get(address), "flap-count"));
      }
    }
  }

  private static Set<String> lldpLocalPorts(ReplyReader reply) {
    return children(reply.payload(), "lldp-neighbor-information").stream()
        .map(n -> text(n, "lldp-local-port-id")).collect(Collectors.toSet());
  }

  @Test
  void lldpAndDescriptionsDescribeTheInterfaces() throws Exception {
    try (SshNetconfClient client = open("sim-0004")) {
      Element neighbor = children(ask(client, "<get-lldp-neighbors-information/>").payload(), "lldp-neighbor-information").get(0);
      assertEquals("ge-0/0/0", text(neighbor, "lldp-local-port-id"));
      assertEquals("core1.sim", text(neighbor, "lldp-remote-system-name"));
      assertEquals("xe-0/0/4", text(neighbor, "lldp-remote-port-id"));

      ReplyReader descriptions = ask(client, "<get-interface-information><descriptions/></get-interface-information>");
      assertEquals("description", descriptions.payload().getAttributeNS("http://xml.juniper.net/junos/21.4R0/junos", "style"));
      Map<String, String> byName = children(descriptions.payload(), "physical-interface").stream()
          .collect(Collectors.toMap(e -> text(e, "name"), e -> text(e, "description")));
      Map<String, String> fromExtensive = children(ask(client, "<get-interface-information><extensive/></get-interface-information>")
          .payload(), "physical-interface").stream().collect(Collectors.toMap(e -> text(e, "name"), e -> text(e, "description")));
      assertEquals(fromExtensive, byName, "the same descriptions as the full reply");
    }
  }

  @Test
  void environmentNamesEachClassOnceAndShowsChangedStatuses() throws Exception {
    SimulatedDevice device = fleet.device("sim-0005");
    try (SshNetconfClient client = open("sim-0005")) {
      List<Element> items = children(ask(client, "<get-environment-information/>").payload(), "environment-item");
      assertEquals(12, items.size());
      assertEquals(List.of("Power", "Temp", "Fans"), items.stream().filter(i -> !children(i, "class").isEmpty())
          .map(i -> text(i, "class")).toList(), "the class is named on the first item of each block only");
      assertTrue(items.stream().allMatch(i -> text(i, "status").equals("OK")));
      long withTemperature = items.stream().filter(i -> !children(i, "temperature").isEmpty()).count();
      assertEquals(8, withTemperature);

      device.setEnvironmentStatus("Fan Tray 0 Fan 2", "Failed");
      device.setEnvironmentStatus("PEM 1", "Absent");
      Map<String, Element> byName = children(ask(client, "<get-environment-information/>").payload(), "environment-item")
          .stream().collect(Collectors.toMap(i -> text(i, "name"), i -> i));
      assertEquals("Failed", text(byName.get("Fan Tray 0 Fan 2"), "status"));
      assertEquals("Absent", text(byName.get("PEM 1"), "status"));
      assertEquals(List.of(), children(byName.get("PEM 1"), "temperature"), "an absent supply has no reading");

      Map<String, Element> supplies = children(ask(client, "<get-power-usage-information-detail/>").payload(),
          "power-usage-item").stream().collect(Collectors.toMap(i -> text(i, "name"), i -> i));
      assertEquals("Online", text(supplies.get("PEM 0"), "state"));
      assertTrue(number(child(supplies.get("PEM 0"), "dc-output-detail"), "dc-power") > 0);
      assertEquals(2050, number(child(supplies.get("PEM 0"), "pem-capacity-detail"), "capacity-actual"));
      assertEquals("Empty", text(supplies.get("PEM 1"), "state"));
    }
  }

  @Test
  void storageBlocksAgreeWithTheirRoundedSize() throws Exception {
    try (SshNetconfClient client = open("sim-0006")) {
      List<Element> filesystems = children(ask(client, "<get-system-storage/>").payload(), "filesystem");
      assertEquals(3, filesystems.size());
      for (Element fs : filesystems) {
        long total = number(fs, "total-blocks");
        long used = number(fs, "used-blocks");
        assertEquals(total, used + number(fs, "available-blocks"));
        assertEquals(Math.round(100.0 * used / total), Long.parseLong(text(fs, "used-percent")), 1);
        String format = child(fs, "total-blocks").getAttributeNS("http://xml.juniper.net/junos/21.4R0/junos", "format");
        double gib = total * 512.0 / (1L << 30);
        assertEquals(Math.round(gib), Math.round(Double.parseDouble(format.replace("G", ""))), "512-byte blocks: " + format);
      }
    }
  }

  @Test
  void alarmsAreRaisedAndCleared() throws Exception {
    SimulatedDevice device = fleet.device("sim-0007");
    try (SshNetconfClient client = open("sim-0007")) {
      Element none = ask(client, "<get-alarm-information/>").payload();
      children(child(none, "alarm-summary"), "no-active-alarms").get(0);
      assertEquals(List.of(), children(none, "alarm-detail"));

      device.raiseAlarm("Major", "PEM 1 Not OK");
      device.raiseAlarm("Minor", "Rescue configuration is not set");
      Element some = ask(client, "<get-alarm-information/>").payload();
      assertEquals(2, number(child(some, "alarm-summary"), "active-alarm-count"));
      assertEquals(List.of("Major", "Minor"), children(some, "alarm-detail").stream().map(a -> text(a, "alarm-class")).toList());

      device.clearAlarms();
      assertEquals(List.of(), children(ask(client, "<get-alarm-information/>").payload(), "alarm-detail"));
    }
  }

  @Test
  void instancesIncludeJunosInternalOnes() throws Exception {
    try (SshNetconfClient client = open("sim-0008")) {
      assertEquals(List.of("master", "__juniper_private1__", "__master.anon__", "CUST-A"),
          children(ask(client, "<get-instance-information/>").payload(), "instance-core").stream()
              .map(i -> text(i, "instance-name")).toList());
    }
  }

  @Test
  void anInjectedRpcFailureIsAnRpcErrorAndTheSessionStaysUsable() throws Exception {
    SimulatedDevice device = fleet.device("sim-0008");
    device.faults().failRpc("get-system-storage", true);
    try (SshNetconfClient client = open("sim-0008")) {
      CollectException e = assertThrows(CollectException.class, () -> client.rpc("<get-system-storage/>", TIMEOUT));
      assertEquals(Kind.RPC_ERROR, e.kind());
      assertFalse(e.sessionBroken());
      assertTrue(e.getMessage().contains("sim-0008") && e.getMessage().contains("get-system-storage"), e.getMessage());
      ask(client, "<get-alarm-information/>"); // still answers
      device.faults().failRpc("get-system-storage", false);
      assertEquals(3, children(ask(client, "<get-system-storage/>").payload(), "filesystem").size());
    } finally {
      device.faults().clear();
    }
  }

  @Test
  void aRebootRestartsEverySessionWithoutFlaps() throws Exception {
    SimulatedDevice device = fleet.device("sim-0006");
    String peer = device.bgpPeers().get(0).address();
    device.setBgpPeerUp(peer, false);
    device.setBgpPeerUp(peer, true);
    assertEquals(1, device.bgpFlapCount(peer));
    device.reboot();
    try (SshNetconfClient client = open("sim-0006")) {
      for (Element p : peers(ask(client, SUMMARY_ALL)).values()) {
        assertEquals(0, number(p, "flap-count"));
        assertEquals("Established", text(p, "peer-state"));
        assertTrue(elapsedSeconds(p) < 60, "up since the reboot: " + text(p, "elapsed-time"));
      }
    }
  }
}
