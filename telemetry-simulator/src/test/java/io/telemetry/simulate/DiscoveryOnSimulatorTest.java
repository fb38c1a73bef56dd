package io.telemetry.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.collect.ssh.SshSettings;
import io.telemetry.inventory.Resource;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.discover.DiscoveryException;
import io.telemetry.inventory.discover.NetconfDiscoveryProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NETCONF discovery probe over a real SSH session against simulated Junos devices. */
class DiscoveryOnSimulatorTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void getSoftwareInformationClassifiesTheDevice() throws Exception {
    try (SimulatedFleet fleet = SimulatedFleet.start(FleetSpec.of(2).withInterfaces(1).withHostKeyFile(dir.resolve("key")))) {
      fleet.writeKnownHosts(dir.resolve("known_hosts"));
      Target target = fleet.targets(Duration.ofSeconds(30), TIMEOUT).get(1);
      SimulatedDevice device = fleet.device(target.id());
      try (SshConnector ssh = connector()) {
        NetconfDiscoveryProbe probe = new NetconfDiscoveryProbe(ssh, target.credentials(), 830, TIMEOUT);
        Resource resource = new Resource(target.id(), target.host(), OptionalInt.of(target.port()), Map.of());
        assertEquals(Map.of("vendor", "juniper", "os", "junos", "os_version", "21.4R3-S5.4", "model", "mx480",
            "hostname", target.id()), probe.probe(resource));
        assertEquals(0, awaitClosed(device), "the probe's SSH session is closed");

        // A device set to report another model and release (a mixed fleet for discovery tests).
        device.software(new DeviceSoftware("mx960", "19.4R3-S9.1"));
        Map<String, String> other = probe.probe(resource);
        assertEquals("mx960", other.get("model"), other.toString());
        assertEquals("19.4R3-S9.1", other.get("os_version"), other.toString());

        device.faults().failRpc("get-software-information", true);
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> probe.probe(resource));
        assertTrue(e.getMessage().startsWith("device " + target.id() + ": discovery probe netconf: "), e.getMessage());
        assertTrue(e.getMessage().contains("get-software-information"), e.getMessage());
      }
    }
  }

  private SshConnector connector() {
    return new SshConnector(new SshSettings(dir.resolve("known_hosts"), false, TIMEOUT, TIMEOUT, Duration.ofSeconds(15)));
  }

  /** Open connections once the server noticed the close (it may take a moment). */
  private static int awaitClosed(SimulatedDevice device) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (device.openSshConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return device.openSshConnections();
  }
}
