package io.telemetry.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.netconf.NetconfConnector;
import io.telemetry.collect.netconf.SshNetconfClient;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.collect.ssh.SshSettings;
import io.telemetry.inventory.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet of a few hundred devices starts in moments and every device answers. */
class FleetScaleTest {

  @TempDir Path dir;

  @Test
  void twoHundredDevicesStartQuicklyAndAllAnswer() throws Exception {
    long start = System.nanoTime();
    try (SimulatedFleet fleet = SimulatedFleet.start(FleetSpec.of(200).withInterfaces(4)
        .withHostKeyFile(dir.resolve("host-key")))) {
      Duration startup = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(startup.compareTo(Duration.ofSeconds(5)) < 0, "fleet took " + startup + " to start");
      assertEquals(200, fleet.devices().size());
      assertEquals(200, fleet.devices().stream().map(SimulatedDevice::port).distinct().count(), "one port per device");
      assertEquals("sim-0200", fleet.devices().get(199).id());

      fleet.writeKnownHosts(dir.resolve("known_hosts"));
      SshSettings settings = new SshSettings(dir.resolve("known_hosts"), false,
          Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(15));
      ExecutorService callers = Executors.newFixedThreadPool(8);
      try (SshConnector ssh = new SshConnector(settings)) {
        NetconfConnector netconf = new NetconfConnector(ssh);
        List<SshNetconfClient> open = new ArrayList<>();
        List<Future<SshNetconfClient>> opening = new ArrayList<>();
        for (Target target : fleet.targets(Duration.ofSeconds(30), Duration.ofSeconds(10))) {
          opening.add(callers.submit(() -> {
            SshNetconfClient client = netconf.open(target);
            client.rpc("<get-interface-information/>", target.timeout());
            return client;
          }));
        }
        for (Future<SshNetconfClient> f : opening) {
          open.add(f.get(60, TimeUnit.SECONDS));
        }
        // All 200 sessions stay open at once on the one client and the one server.
        Set<Long> sessionIds = new HashSet<>();
        for (SshNetconfClient client : open) {
          assertTrue(client.isOpen(), client.deviceId());
          sessionIds.add(client.sessionId().orElseThrow());
        }
        assertEquals(200, sessionIds.size());
        assertTrue(fleet.devices().stream().allMatch(d -> d.openSessions() == 1 && d.requestCount() == 1));
        for (SshNetconfClient client : open) {
          client.rpc("<get-route-engine-information/>", Duration.ofSeconds(10));
        }
        open.forEach(SshNetconfClient::close);
      } finally {
        callers.shutdownNow();
      }
    }
  }
}
