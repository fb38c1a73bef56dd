package io.telemetry.simulate;

import static io.telemetry.simulate.ReplyReader.child;
import static io.telemetry.simulate.ReplyReader.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import io.telemetry.collect.netconf.NetconfConnector;
import io.telemetry.collect.netconf.NetconfFraming;
import io.telemetry.collect.netconf.SshNetconfClient;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.collect.ssh.SshSettings;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class SimulatedFleetTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String INTERFACES = "<get-interface-information/>";

  @TempDir static Path dir;
  private static SimulatedFleet fleet;
  private static SshConnector ssh;
  private static NetconfConnector netconf;

  @BeforeAll
  static void startFleet() throws Exception {
    fleet = SimulatedFleet.start(FleetSpec.of(14).withInterfaces(6).withHostKeyFile(dir.resolve("host-key")));
    fleet.writeKnownHosts(dir.resolve("known_hosts"));
    ssh = new SshConnector(settings(dir.resolve("known_hosts"), false));
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

  private static SshSettings settings(Path knownHosts, boolean acceptUnknown) {
    return new SshSettings(knownHosts, acceptUnknown, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(15));
  }

  private static Target target(String id) {
    return fleet.targets(Duration.ofSeconds(30), TIMEOUT).stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  private static Target withPassword(Target t, String password) {
    return t.withCredentials(Credentials.password(t.credentials().username(), password));
  }

  @Test
  void servesJunosShapedRepliesOverBothFramings() throws Exception {
    for (String id : List.of("sim-0001", "sim-0002")) {
      SimulatedDevice device = fleet.device(id);
      try (SshNetconfClient client = netconf.open(target(id))) {
        assertEquals(device.supportsChunkedFraming() ? NetconfFraming.CHUNKED : NetconfFraming.END_OF_MESSAGE,
            client.framing(), id);
        assertTrue(client.sessionId().isPresent(), "Junos hellos carry a session-id");

        ReplyReader interfaces = new ReplyReader(client.rpc(INTERFACES, TIMEOUT));
        assertEquals("rpc-reply", interfaces.root().getLocalName());
        assertEquals(ReplyReader.NETCONF_NS, interfaces.root().getNamespaceURI());
        assertTrue(interfaces.root().getAttributeNS("http://www.w3.org/2000/xmlns/", "junos")
            .matches("http://xml.juniper.net/junos/[^/]+/junos"));
        Element info = interfaces.payload();
        assertEquals("interface-information", info.getLocalName());
        assertTrue(info.getNamespaceURI().matches("http://xml.juniper.net/junos/[^/]+/junos-interface"));
        Map<String, Element> physical = interfaces.physicalInterfaces();
        assertEquals(device.interfaceNames().size(), physical.size());
        Element ge0 = physical.get("ge-0/0/0");
        assertEquals("\nge-0/0/0\n", child(ge0, "name").getTextContent(), "Junos wraps text in newlines");
        assertEquals("up", text(ge0, "oper-status"));
        assertEquals(device.snmpIndex("ge-0/0/0"), Integer.parseInt(text(ge0, "snmp-index")));
        assertTrue(Long.parseLong(text(child(ge0, "traffic-statistics"), "input-bytes")) > 0);

        ReplyReader re = new ReplyReader(client.rpc("<get-route-engine-information/>", TIMEOUT));
        Element engine = child(re.payload(), "route-engine");
        long upSeconds = Long.parseLong(child(engine, "up-time").getAttributeNS(
            re.root().getAttributeNS("http://www.w3.org/2000/xmlns/", "junos"), "seconds"));
        assertTrue(Math.abs(upSeconds - device.uptimeSeconds()) <= 2, upSeconds + " vs " + device.uptimeSeconds());
        int cpu = 0;
        for (String part : List.of("cpu-user", "cpu-background", "cpu-system", "cpu-interrupt", "cpu-idle")) {
          cpu += Integer.parseInt(text(engine, part));
        }
        assertEquals(100, cpu, "CPU shares add up");
        assertEquals("master", text(engine, "mastership-state"));
      }
    }
  }

  @Test
  void honoursInterfaceNameFilterAndDetailLevels() throws Exception {
    try (SshNetconfClient client = netconf.open(target("sim-0003"))) {
      ReplyReader one = new ReplyReader(client.rpc(
          "<get-interface-information><extensive/><interface-name>ge-0/0/3</interface-name></get-interface-information>",
          TIMEOUT));
      assertEquals(List.of("ge-0/0/3"), List.copyOf(one.physicalInterfaces().keySet()));
      Element ge3 = one.physicalInterfaces().get("ge-0/0/3");
      assertFalse(ReplyReader.children(ge3, "ethernet-mac-statistics").isEmpty(), "extensive adds MAC statistics");
      assertEquals("extensive", one.payload().getAttributeNS(
          one.root().getAttributeNS("http://www.w3.org/2000/xmlns/", "junos"), "style"));

      ReplyReader normal = new ReplyReader(client.rpc(INTERFACES, TIMEOUT));
      assertTrue(ReplyReader.children(normal.physicalInterfaces().get("ge-0/0/3"), "ethernet-mac-statistics").isEmpty());
    }
  }

  @Test
  void unknownRpcIsAnRpcErrorAndTheSessionStaysUsable() throws Exception {
    try (SshNetconfClient client = netconf.open(target("sim-0004"))) {
      CollectException e = assertThrows(CollectException.class, () -> client.rpc("<get-chassis-inventory/>", TIMEOUT));
      assertEquals(Kind.RPC_ERROR, e.kind());
      assertFalse(e.sessionBroken());
      assertTrue(e.getMessage().contains("sim-0004") && e.getMessage().contains("get-chassis-inventory"), e.getMessage());
      CollectException missing = assertThrows(CollectException.class, () -> client.rpc(
          "<get-interface-information><interface-name>xe-9/9/9</interface-name></get-interface-information>", TIMEOUT));
      assertEquals(Kind.RPC_ERROR, missing.kind());
      assertTrue(missing.getMessage().contains("xe-9/9/9 not found"), missing.getMessage());
      new ReplyReader(client.rpc(INTERFACES, TIMEOUT)); // still answers
    }
  }

  @Test
  void wrongPasswordIsAnAuthErrorNamingTheDevice() throws Exception {
    CollectException e = assertThrows(CollectException.class, () -> netconf.open(withPassword(target("sim-0005"), "nope")));
    assertEquals(Kind.AUTH, e.kind());
    assertTrue(e.getMessage().contains("sim-0005") && e.getMessage().contains("telemetry"), e.getMessage());
  }

  @Test
  void rejectPasswordFaultTurnsTheRightPasswordIntoAnAuthError() throws Exception {
    SimulatedDevice device = fleet.device("sim-0006");
    device.faults().rejectPassword(true);
    try {
      CollectException e = assertThrows(CollectException.class, () -> netconf.open(target("sim-0006")));
      assertEquals(Kind.AUTH, e.kind());
    } finally {
      device.faults().clear();
    }
    netconf.open(target("sim-0006")).close();
  }

  @Test
  void unknownHostKeyIsRejectedUnlessTheOperatorOptsIn() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty_known_hosts"));
    try (SshConnector strict = new SshConnector(settings(empty, false))) {
      CollectException e = assertThrows(CollectException.class, () -> new NetconfConnector(strict).open(target("sim-0007")));
      assertEquals(Kind.HOST_KEY, e.kind());
      assertTrue(e.getMessage().contains("sim-0007") && e.getMessage().contains(":" + fleet.device("sim-0007").port()),
          e.getMessage());
    }
    try (SshConnector lab = new SshConnector(settings(empty, true));
        SshNetconfClient client = new NetconfConnector(lab).open(target("sim-0007"))) {
      new ReplyReader(client.rpc("<get-route-engine-information/>", TIMEOUT));
    }
  }

  @Test
  void knownHostsFileListsEveryDevice() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("known_hosts"));
    assertEquals(fleet.devices().size(), lines.size());
    for (SimulatedDevice device : fleet.devices()) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("[127.0.0.1]:" + device.port() + " ecdsa-sha2-nistp256 ")),
          device.id());
    }
  }

  @Test
  void malformedRepliesAreReportedNamingDeviceAndOperation() throws Exception {
    SimulatedDevice device = fleet.device("sim-0008");
    try (SshNetconfClient client = netconf.open(target("sim-0008"))) {
      for (DeviceFaults.MalformedReply mode : List.of(DeviceFaults.MalformedReply.NOT_XML, DeviceFaults.MalformedReply.TRUNCATED_XML)) {
        device.faults().malformedReplies(mode);
        CollectException e = assertThrows(CollectException.class, () -> client.rpc(INTERFACES, TIMEOUT), mode.name());
        assertEquals(Kind.MALFORMED_REPLY, e.kind(), mode.name());
        assertTrue(e.getMessage().contains("sim-0008") && e.getMessage().contains("get-interface-information"),
            e.getMessage());
      }
      device.faults().clear();
      new ReplyReader(client.rpc(INTERFACES, TIMEOUT)); // framing stayed intact
    } finally {
      device.faults().clear();
    }
  }

  @Test
  void latencyAboveTheTimeoutIsATimeoutThatBreaksTheSession() throws Exception {
    SimulatedDevice device = fleet.device("sim-0009");
    try (SshNetconfClient client = netconf.open(target("sim-0009"))) {
      device.faults().replyLatency(Duration.ofMillis(1500));
      long start = System.nanoTime();
      CollectException e = assertThrows(CollectException.class, () -> client.rpc(INTERFACES, Duration.ofMillis(300)));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(Kind.TIMEOUT, e.kind());
      assertTrue(e.sessionBroken());
      assertTrue(tookMillis >= 290 && tookMillis < 1400, "timed out after " + tookMillis + " ms");
    } finally {
      device.faults().clear();
    }
  }

  @Test
  void latencyBelowTheTimeoutOnlyDelays() throws Exception {
    SimulatedDevice device = fleet.device("sim-0009");
    try (SshNetconfClient client = netconf.open(target("sim-0009"))) {
      device.faults().replyLatency(Duration.ofMillis(400));
      long start = System.nanoTime();
      new ReplyReader(client.rpc("<get-route-engine-information/>", TIMEOUT));
      assertTrue((System.nanoTime() - start) / 1_000_000 >= 390);
    } finally {
      device.faults().clear();
    }
  }

  @Test
  void disconnectsAreSessionLost() throws Exception {
    SimulatedDevice device = fleet.device("sim-0010");
    try (SshNetconfClient client = netconf.open(target("sim-0010"))) {
      device.faults().disconnectOnNextRequest();
      CollectException e = assertThrows(CollectException.class, () -> client.rpc(INTERFACES, TIMEOUT));
      assertEquals(Kind.SESSION_LOST, e.kind());
      assertTrue(e.sessionBroken());
    }
    try (SshNetconfClient client = netconf.open(target("sim-0010"))) {
      client.rpc(INTERFACES, TIMEOUT);
      device.disconnectNow();
      long start = System.nanoTime();
      CollectException e = assertThrows(CollectException.class, () -> client.rpc(INTERFACES, TIMEOUT));
      assertEquals(Kind.SESSION_LOST, e.kind());
      assertTrue(System.nanoTime() - start < TIMEOUT.toNanos(), "noticed the drop, not a timeout");
    }
  }

  @Test
  void countersGrowAtTheStatedRates() throws Exception {
    SimulatedDevice device = fleet.device("sim-0011");
    try (SshNetconfClient client = netconf.open(target("sim-0011"))) {
      long t1 = System.nanoTime();
      Map<String, Element> first = new ReplyReader(client.rpc(INTERFACES, TIMEOUT)).physicalInterfaces();
      long t2 = t1 + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < t2) {
        Thread.sleep(50); // measuring over a known interval, not waiting for a condition
      }
      t2 = System.nanoTime();
      Map<String, Element> second = new ReplyReader(client.rpc(INTERFACES, TIMEOUT)).physicalInterfaces();
      double seconds = (t2 - t1) / 1e9;
      int checked = 0;
      for (String name : device.interfaceNames()) {
        Map<String, Long> before = ReplyReader.neutralCounters(first.get(name));
        Map<String, Long> after = ReplyReader.neutralCounters(second.get(name));
        for (String counter : List.of("in_octets", "out_octets", "in_packets", "out_packets",
            "in_errors", "out_errors", "in_discards", "out_discards")) {
          double expected = device.expectedRate(name, counter);
          double measured = (after.get(counter) - before.get(counter)) / seconds;
          // Request/reply jitter shifts the two instants a little; integer counters round down.
          assertEquals(expected, measured, expected * 0.08 + 2.0 / seconds, name + " " + counter);
          if (expected > 0) {
            checked++;
          }
        }
        assertTrue(after.get("in_octets") > before.get("in_octets"), name);
      }
      assertTrue(checked >= device.interfaceNames().size() * 4, "most counters move");
    }
  }

  @Test
  void byteCountersAreSixtyFourBitSized() {
    long large = fleet.devices().stream()
        .flatMap(d -> d.interfaceNames().stream().map(i -> d.counterValue(i, "in_octets")))
        .filter(v -> v > 0xFFFF_FFFFL).count();
    assertTrue(large > 10, "only " + large + " interfaces beyond 32 bits");
  }

  @Test
  void rebootRestartsUptimeAndCountersAndDropsSessions() throws Exception {
    SimulatedDevice device = fleet.device("sim-0012");
    try (SshNetconfClient client = netconf.open(target("sim-0012"))) {
      client.rpc(INTERFACES, TIMEOUT);
      assertTrue(device.uptimeSeconds() > 86400);
      device.reboot();
      CollectException e = assertThrows(CollectException.class, () -> client.rpc(INTERFACES, TIMEOUT));
      assertEquals(Kind.SESSION_LOST, e.kind());
    }
    try (SshNetconfClient client = netconf.open(target("sim-0012"))) {
      ReplyReader re = new ReplyReader(client.rpc("<get-route-engine-information/>", TIMEOUT));
      Element upTime = child(child(re.payload(), "route-engine"), "up-time");
      assertTrue(Long.parseLong(upTime.getAttributeNS(re.root().getAttributeNS("http://www.w3.org/2000/xmlns/", "junos"),
          "seconds")) < 60);
      Element ge0 = new ReplyReader(client.rpc(INTERFACES, TIMEOUT)).physicalInterfaces().get("ge-0/0/0");
      long inOctets = ReplyReader.neutralCounters(ge0).get("in_octets");
      assertTrue(inOctets <= device.expectedRate("ge-0/0/0", "in_octets") * 60, "restarted from 0: " + inOctets);
    }
  }

  @Test
  void recreatedInterfaceGetsNewIndexesAndRestartsItsCounters() throws Exception {
    SimulatedDevice device = fleet.device("sim-0013");
    try (SshNetconfClient client = netconf.open(target("sim-0013"))) {
      Element before = new ReplyReader(client.rpc(INTERFACES, TIMEOUT)).physicalInterfaces().get("ge-0/0/2");
      device.recreateInterface("ge-0/0/2");
      Element after = new ReplyReader(client.rpc(INTERFACES, TIMEOUT)).physicalInterfaces().get("ge-0/0/2");
      assertNotEquals(text(before, "snmp-index"), text(after, "snmp-index"));
      assertNotEquals(text(before, "local-index"), text(after, "local-index"));
      assertTrue(ReplyReader.neutralCounters(after).get("in_octets") < ReplyReader.neutralCounters(before).get("in_octets"));
    }
  }

  @Test
  void linkDownFreezesCountersAndShowsOperStatus() throws Exception {
    SimulatedDevice device = fleet.device("sim-0014");
    try (SshNetconfClient client = netconf.open(target("sim-0014"))) {
      device.setLinkUp("ge-0/0/1", false);
      Element down = new ReplyReader(client.rpc(INTERFACES, TIMEOUT)).physicalInterfaces().get("ge-0/0/1");
      assertEquals("down", text(down, "oper-status"));
      assertEquals(0.0, device.expectedRate("ge-0/0/1", "in_octets"));
      Element stillDown = new ReplyReader(client.rpc(INTERFACES, TIMEOUT)).physicalInterfaces().get("ge-0/0/1");
      assertEquals(ReplyReader.neutralCounters(down), ReplyReader.neutralCounters(stillDown));
      device.setLinkUp("ge-0/0/1", true);
      assertEquals("up", text(new ReplyReader(client.rpc(INTERFACES, TIMEOUT)).physicalInterfaces().get("ge-0/0/1"),
          "oper-status"));
    }
  }
}
