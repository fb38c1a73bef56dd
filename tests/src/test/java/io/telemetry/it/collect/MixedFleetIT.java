package io.telemetry.it.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.meraki.FakeMerakiDashboard;
import io.telemetry.collect.meraki.FakeMerakiDashboard.Client;
import io.telemetry.collect.meraki.FakeMerakiDashboard.Point;
import io.telemetry.collect.meraki.FakeMerakiDashboard.Uplink;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.it.snmp.SnmpTargets;
import io.telemetry.it.snmp.SnmpTools;
import io.telemetry.it.snmp.Snmpd;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.TopicReader;
import io.telemetry.simulate.FleetSpec;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node, one run, every kind of source: a NETCONF device, a CLI-only device, an SNMP agent
 * (Debian's snmpd), a Meraki organization (a local server of the Dashboard API's shapes) and the
 * node's own host dependencies. Every family each source produces arrives in its topic, keyed by
 * the target that produced it.
 */
class MixedFleetIT {

  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final String MERAKI_KEY = "mixed-fleet-key";
  private static final String ORG = "4242";

  @TempDir
  Path workDir;

  /** A family expected from a target: its topic and the record key. */
  private record Expected(String family, String device) {}

  @Test
  void everySourceDeliversEveryFamilyToItsTopic() throws Exception {
    SnmpTools.requireAll();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
    try (Snmpd snmpd = Snmpd.start(workDir.resolve("snmpd"));
        FakeMerakiDashboard dashboard = new FakeMerakiDashboard(MERAKI_KEY);
        ServerSocket service = new ServerSocket(0);
        Socket client = new Socket("127.0.0.1", service.getLocalPort());
        Socket accepted = service.accept();
        LocalStack stack = LocalStack.startWithoutNode(workDir.resolve("stack"), FleetSpec.of(2).withInterfaces(2))) {
      dashboard.uplinks(ORG, new Uplink("N_1", "Q2AA-BBBB-CCCC", "wan1", "8.8.8.8",
              List.of(new Point(t0, 0.5, 20.0), new Point(t0.plusSeconds(60), 1.0, 25.0))))
          .network(ORG, "N_1", new Client("k1", "00:11:22:33:44:01", "phone", 10.0, 5.0, "Online"));

      List<Target> sims = stack.fleet().targets(INTERVAL, Duration.ofSeconds(10));
      Target netconf = sims.get(0);
      Target cli = withCollectors(sims.get(1), new CollectorSpec("cli", INTERVAL, ConfigFactory.parseString("""
          commands = [
            { command = "show interfaces extensive | display xml", format = junos-xml }
            { command = "show chassis routing-engine | display json", format = junos-json }
          ]"""), "cli"));
      Target snmp = SnmpTargets.target("snmp-agent", snmpd.port(), SnmpTargets.v2c(Snmpd.COMMUNITY), INTERVAL);
      Target meraki = new Target("meraki-org", "127.0.0.1", 443, noLogin(), List.of(new CollectorSpec("meraki",
          INTERVAL, ConfigFactory.parseString("organization-id = \"" + ORG + "\", api-key = \"" + MERAKI_KEY
              + "\", base-url = \"" + dashboard.baseUrl() + "\""), "meraki")), Duration.ofSeconds(5), Map.of());
      Target host = new Target("node-host", "localhost", 830, noLogin(),
          List.of(CollectorSpec.of("host-dependencies", INTERVAL)), Duration.ofSeconds(5), Map.of());
      stack.startNode(List.of(netconf, cli, snmp, meraki, host), ConfigFactory.empty());

      Set<Expected> expected = Set.of(
          new Expected("interface", netconf.id()), new Expected("route_engine", netconf.id()),
          new Expected("interface", cli.id()), new Expected("route_engine", cli.id()),
          new Expected("interface", snmp.id()),
          new Expected("uplink", meraki.id()), new Expected("client", meraki.id()),
          new Expected("dependency", host.id()), new Expected("listening_service", host.id()));
      List<String> topics = expected.stream().map(e -> "telemetry.metrics." + e.family()).distinct().toList();
      Predicate<List<Decoded>> allArrived = records -> seen(records).containsAll(expected);
      List<Decoded> records = DecodedRecords.decode(TopicReader.readUntil(stack.broker().bootstrapServers(), topics,
          rs -> allArrived.test(DecodedRecords.decode(rs)), Duration.ofSeconds(90)));

      Set<Expected> seen = seen(records);
      assertEquals(true, seen.containsAll(expected), "missing: " + difference(expected, seen));
      for (Decoded r : records) {
        assertEquals(r.key(), r.sample().device(), "record key is the target id");
        assertEquals("telemetry.metrics." + r.sample().family(), r.topic(), "family goes to its own topic");
      }
    }
  }

  private static Set<Expected> seen(List<Decoded> records) {
    Set<Expected> seen = new HashSet<>();
    records.forEach(r -> seen.add(new Expected(r.sample().family(), r.key())));
    return seen;
  }

  private static Set<Expected> difference(Set<Expected> expected, Set<Expected> seen) {
    Set<Expected> missing = new HashSet<>(expected);
    missing.removeAll(seen);
    return missing;
  }

  private static Credentials noLogin() {
    return new Credentials("", Optional.empty(), Optional.empty());
  }

  private static Target withCollectors(Target t, CollectorSpec... collectors) {
    return new Target(t.id(), t.host(), t.port(), t.credentials(), List.of(collectors), t.timeout(), t.labels());
  }
}
