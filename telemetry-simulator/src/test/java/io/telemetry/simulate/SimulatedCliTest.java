package io.telemetry.simulate;

import static io.telemetry.simulate.ReplyReader.child;
import static io.telemetry.simulate.ReplyReader.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.collect.ssh.SshSettings;
import io.telemetry.inventory.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The simulator's CLI on SSH exec channels, read with plain MINA, DOM and Jackson (not the
 * collector): the commands answer in Junos' shapes with the same counter model as NETCONF.
 */
class SimulatedCliTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir static Path dir;
  private static SimulatedFleet fleet;
  private static SshConnector ssh;
  private ClientSession session;

  /** What one command printed and its exit status. */
  record Ran(String stdout, String stderr, Integer status) {}

  @BeforeAll
  static void startFleet() throws Exception {
    fleet = SimulatedFleet.start(FleetSpec.of(3).withInterfaces(4).withHostKeyFile(dir.resolve("host-key")));
    fleet.writeKnownHosts(dir.resolve("known_hosts"));
    ssh = new SshConnector(new SshSettings(dir.resolve("known_hosts"), false, TIMEOUT, TIMEOUT, Duration.ofSeconds(15)));
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

  @AfterEach
  void closeSession() throws IOException {
    if (session != null) {
      session.close();
    }
    fleet.devices().forEach(d -> d.faults().clear());
  }

  private ClientSession login(String id) throws Exception {
    Target target = fleet.targets(Duration.ofSeconds(30), TIMEOUT).stream()
        .filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    session = ssh.connect(target);
    return session;
  }

  private static Ran run(ClientSession session, String command) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ChannelExec channel = session.createExecChannel(command)) {
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(TIMEOUT);
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
      return new Ran(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), channel.getExitStatus());
    }
  }

  @Test
  void displayXmlIsTheJunosDocumentWithTheModelsCounters() throws Exception {
    SimulatedDevice device = fleet.device("sim-0001");
    ClientSession s = login(device.id());
    long before = device.counterValue("ge-0/0/2", "in_octets");
    Ran ran = run(s, "show interfaces extensive | display xml");
    long after = device.counterValue("ge-0/0/2", "in_octets");
    assertEquals(0, ran.status());
    assertEquals("", ran.stderr());

    ReplyReader reply = new ReplyReader(ran.stdout());
    assertEquals("rpc-reply", reply.root().getLocalName());
    assertEquals(null, reply.root().getNamespaceURI(), "the CLI's rpc-reply is not in the NETCONF namespace");
    assertEquals("interface-information", reply.payload().getLocalName());
    assertEquals("cli", ReplyReader.children(reply.root()).get(1).getLocalName(), "the CLI banner follows");
    Map<String, Element> physical = reply.physicalInterfaces();
    assertEquals(device.interfaceNames().size(), physical.size());
    long inOctets = ReplyReader.neutralCounters(physical.get("ge-0/0/2")).get("in_octets");
    assertTrue(before <= inOctets && inOctets <= after, before + " <= " + inOctets + " <= " + after);
    assertEquals(1, ReplyReader.children(child(physical.get("ge-0/0/2"), "traffic-statistics"),
        "ipv6-transit-statistics").size(), "extensive");

    Ran one = run(s, "show interfaces ge-0/0/1 extensive | display xml");
    assertEquals(List.of("ge-0/0/1"), List.copyOf(new ReplyReader(one.stdout()).physicalInterfaces().keySet()));
  }

  @Test
  void displayJsonHasJunosJsonShape() throws Exception {
    SimulatedDevice device = fleet.device("sim-0002");
    ClientSession s = login(device.id());
    long before = device.counterValue("ge-0/0/3", "out_discards");
    Ran ran = run(s, "show interfaces extensive | display json");
    long after = device.counterValue("ge-0/0/3", "out_discards");
    assertEquals(0, ran.status());

    JsonNode info = new ObjectMapper().readTree(ran.stdout()).get("interface-information").get(0);
    assertEquals("extensive", info.get("attributes").get("junos:style").asText());
    assertTrue(info.get("attributes").get("xmlns").asText().matches("http://xml.juniper.net/junos/[^/]+/junos-interface"));
    JsonNode physical = info.get("physical-interface");
    assertEquals(device.interfaceNames().size(), physical.size());
    JsonNode ge3 = physical.get(3);
    assertEquals("ge-0/0/3", ge3.get("name").get(0).get("data").asText(), "text without Junos' newlines");
    assertEquals("Enabled", ge3.get("admin-status").get(0).get("attributes").get("junos:format").asText());
    assertTrue(ge3.get("if-device-flags").get(0).get("ifdf-present").get(0).isNull(), "empty elements are [null]");
    long drops = Long.parseLong(ge3.get("output-error-list").get(0).get("output-drops").get(0).get("data").asText());
    assertTrue(before <= drops && drops <= after, before + " <= " + drops + " <= " + after);

    JsonNode engine = new ObjectMapper().readTree(run(s, "show chassis routing-engine | display json").stdout())
        .get("route-engine-information").get(0).get("route-engine").get(0);
    long upSeconds = engine.get("up-time").get(0).get("attributes").get("junos:seconds").asLong();
    assertTrue(Math.abs(upSeconds - device.uptimeSeconds()) <= 2, upSeconds + " vs " + device.uptimeSeconds());
  }

  @Test
  void statisticsBriefIsOneKeyValueLinePerInterface() throws Exception {
    SimulatedDevice device = fleet.device("sim-0003");
    device.setLinkUp("ge-0/0/1", false);
    try {
      ClientSession s = login(device.id());
      Map<String, Map<String, Long>> before = counters(device);
      Ran ran = run(s, "show interfaces statistics brief");
      Map<String, Map<String, Long>> after = counters(device);
      assertEquals(0, ran.status());
      List<String> lines = ran.stdout().lines().toList();
      assertEquals(device.interfaceNames().size(), lines.size());
      Pattern kv = Pattern.compile("(\\S+)=(\\S+)");
      for (String line : lines) {
        Map<String, String> fields = new HashMap<>();
        Matcher m = kv.matcher(line);
        while (m.find()) {
          fields.put(m.group(1), m.group(2));
        }
        String name = fields.get("interface");
        assertEquals(name.equals("ge-0/0/1") ? "down" : "up", fields.get("oper-status"), line);
        assertEquals("1000000000", fields.get("speed-bps"));
        for (String counter : List.of("in_octets", "out_octets", "in_packets", "out_packets", "in_errors",
            "out_errors", "in_discards", "out_discards")) {
          long value = Long.parseLong(fields.get(counter.replace('_', '-')));
          assertTrue(before.get(name).get(counter) <= value && value <= after.get(name).get(counter),
              name + " " + counter + ": " + line);
        }
      }
    } finally {
      device.setLinkUp("ge-0/0/1", true);
    }
  }

  @Test
  void errorsLookLikeJunos() throws Exception {
    ClientSession s = login("sim-0001");
    Ran unknown = run(s, "show bogus");
    assertEquals(0, unknown.status(), "Junos reports command errors as text");
    assertEquals("error: syntax error, expecting <command>: show bogus\n", unknown.stdout());

    Ran missingXml = run(s, "show interfaces xe-9/9/9 extensive | display xml");
    Element error = ReplyReader.children(new ReplyReader(missingXml.stdout()).root()).get(0);
    assertEquals("error", error.getLocalName());
    assertEquals("device xe-9/9/9 not found", text(error, "message"));

    assertEquals("error: device xe-9/9/9 not found\n", run(s, "show interfaces xe-9/9/9 extensive | display json").stdout());
  }

  @Test
  void faultsApplyToCommands() throws Exception {
    SimulatedDevice device = fleet.device("sim-0002");
    ClientSession s = login(device.id());
    device.faults().malformedReplies(DeviceFaults.MalformedReply.NOT_XML);
    assertFalse(run(s, "show chassis routing-engine | display xml").stdout().startsWith("<"));
    device.faults().malformedReplies(DeviceFaults.MalformedReply.NONE).replyLatency(Duration.ofMillis(300));
    Instant start = Instant.now();
    run(s, "show chassis routing-engine | display xml");
    assertTrue(Duration.between(start, Instant.now()).toMillis() >= 300, "reply latency applies");
    device.faults().replyLatency(Duration.ZERO).disconnectOnNextRequest();
    Ran dropped = run(s, "show chassis routing-engine | display xml");
    assertEquals(new Ran("", "", null), dropped, "no output, no exit status");
    await(() -> !s.isOpen(), "the connection was dropped");
  }

  @Test
  void connectionsAreCountedWhateverTheyCarry() throws Exception {
    SimulatedDevice device = fleet.device("sim-0003");
    long accepted = device.sshConnectionsAccepted();
    long commands = device.cliCommandCount();
    ClientSession s = login(device.id());
    for (int i = 0; i < 3; i++) {
      run(s, "show chassis routing-engine | display xml");
    }
    assertEquals(accepted + 1, device.sshConnectionsAccepted());
    assertEquals(1, device.openSshConnections());
    assertEquals(commands + 3, device.cliCommandCount());

    device.disconnectNow();
    await(() -> device.openSshConnections() == 0 && !s.isOpen(), "an exec-only connection is dropped too");
  }

  private static Map<String, Map<String, Long>> counters(SimulatedDevice device) {
    Map<String, Map<String, Long>> all = new HashMap<>();
    for (String name : device.interfaceNames()) {
      Map<String, Long> values = new HashMap<>();
      for (String counter : List.of("in_octets", "out_octets", "in_packets", "out_packets", "in_errors",
          "out_errors", "in_discards", "out_discards")) {
        values.put(counter, device.counterValue(name, counter));
      }
      all.put(name, values);
    }
    return all;
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }
}
