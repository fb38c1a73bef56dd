package io.telemetry.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.Collector;
import io.telemetry.collect.PollResult;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.collect.ssh.SshDeviceSession;
import io.telemetry.collect.ssh.SshSettings;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real junos-netconf collector, with its default settings, over a real SSH session against a
 * simulated device: every request succeeds and every family comes back with the simulator's state.
 */
class JunosCollectorOnSimulatorTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void aDefaultPollReadsEveryReplyOfTheSimulator() throws Exception {
    try (SimulatedFleet fleet = SimulatedFleet.start(FleetSpec.of(2).withInterfaces(3).withHostKeyFile(dir.resolve("key")))) {
      fleet.writeKnownHosts(dir.resolve("known_hosts"));
      SimulatedDevice device = fleet.device("sim-0002");
      String down = device.bgpPeers().get(3).address();
      device.setBgpPeerUp(down, false);
      device.raiseAlarm("Major", "Fan Tray Failure");
      Target target = fleet.targets(Duration.ofSeconds(30), TIMEOUT).get(1);
      try (SshConnector ssh = new SshConnector(new SshSettings(dir.resolve("known_hosts"), false, TIMEOUT, TIMEOUT,
              Duration.ofSeconds(15)));
          SshDeviceSession session = new SshDeviceSession(ssh, target)) {
        Collector collector = new JunosNetconfCollectorFactory().create(target, target.collectors().get(0));
        collector.open(session);
        try {
          PollResult result = collector.poll(Instant.now());
          Map<String, List<Sample>> byFamily = result.samples().stream().collect(Collectors.groupingBy(Sample::family));
          assertEquals(new TreeSet<>(Set.of("interface", "route_engine", "environment", "bgp_peer", "bgp_peer_rib",
              "storage", "alarm", "collector_request")), new TreeSet<>(byFamily.keySet()));
          assertTrue(byFamily.get("collector_request").stream().allMatch(s -> s.gauges().get("ok") == 1.0),
              "every request succeeded: " + byFamily.get("collector_request").stream()
                  .filter(s -> s.gauges().get("ok") != 1.0).map(Sample::tags).toList());
          assertEquals(11, byFamily.get("collector_request").size(), "3 inventory + 8 per-poll requests (BGP for 2 instances)");

          Sample ge0 = byFamily.get("interface").stream()
              .filter(s -> s.tags().get("interface").equals("ge-0/0/0")).findFirst().orElseThrow();
          assertEquals("core1.sim", ge0.tags().get("lldp_neighbor"));
          assertEquals("xe-0/0/2", ge0.tags().get("lldp_neighbor_port"));
          assertTrue(ge0.tags().containsKey("description"), ge0.tags().toString());

          Map<String, Sample> peers = byFamily.get("bgp_peer").stream()
              .collect(Collectors.toMap(s -> s.tags().get("peer"), s -> s));
          assertEquals(device.bgpPeers().stream().map(SimulatedDevice.BgpPeer::address).collect(Collectors.toSet()),
              peers.keySet());
          assertEquals(0.0, peers.get(down).gauges().get("state"));
          assertEquals(1L, peers.get(down).counters().get("flaps"));
          assertEquals(4, peers.values().stream().filter(p -> p.gauges().get("state") == 1.0).count());
          assertEquals(Set.of("default", "CUST-A"), peers.values().stream().map(p -> p.tags().get("instance"))
              .collect(Collectors.toSet()));

          assertEquals(1.0, byFamily.get("alarm").stream().filter(s -> s.tags().get("class").equals("major"))
              .findFirst().orElseThrow().gauges().get("active"));
          assertEquals(12, byFamily.get("environment").size(), "PEMs joined with their power usage");
          assertTrue(byFamily.get("environment").stream().anyMatch(s -> s.gauges().containsKey("power_output_watts")));
          assertEquals(device.uptimeSeconds(), result.deviceUptimeSeconds().getAsLong(), 2.0);
        } finally {
          collector.close();
        }
      }
    }
  }
}
