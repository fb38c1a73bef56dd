package io.telemetry.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.collect.ssh.SshSettings;
import io.telemetry.inventory.discover.Discovery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** telemetry.inventory.discovery as the node reads it (with the shipped reference.conf underneath). */
class DiscoverySettingsTest {

  @TempDir
  Path dir;

  private SshConnector ssh;

  private Optional<Discovery> load(String inventory) {
    ssh = new SshConnector(new SshSettings(dir.resolve("known_hosts"), false, Duration.ofSeconds(2),
        Duration.ofSeconds(2), Duration.ofSeconds(5)));
    Config telemetry = ConfigFactory.parseString(inventory).withFallback(ConfigFactory.defaultReference()).resolve()
        .getConfig("telemetry");
    return DiscoverySettings.load(telemetry, ssh, Runnable::run);
  }

  @AfterEach
  void close() {
    if (ssh != null) {
      ssh.close();
    }
  }

  @Test
  void offWhileNoProbeCanBeChosen() {
    assertEquals(Optional.empty(), load(""));
  }

  @Test
  void netconfOnlyNeedsNoSnmpCommunity() throws Exception {
    Discovery discovery = load("""
        telemetry.inventory {
          credentials { core { username = u, password = p } }
          discovery { probes = [ netconf ], netconf { credentials = core } }
        }""").orElseThrow();
    assertEquals(Map.of("netconf", new Discovery.ProbeCounts(0, 0)), discovery.status().byProbe(),
        "only the netconf probe exists");
    // A resource asking for SNMP anyway is a failure naming it, not a crash.
    discovery.discover(List.of(new Resource("sw1", "192.0.2.1", Map.of("discover", "snmp"))))
        .get(5, TimeUnit.SECONDS);
    assertTrue(discovery.status().failing().get("sw1 snmp").startsWith("device sw1: discover = \"snmp\" names no"),
        discovery.status().failing().toString());
  }

  @Test
  void snmpNamedWithoutACommunityIsRefusedNamingThePath() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        telemetry.inventory.discovery { probes = [ snmp ] }"""));
    assertTrue(e.getMessage().contains("telemetry.inventory.discovery.snmp"), e.getMessage());
  }

  @Test
  void anUnknownCredentialSetIsRefusedNamingThePath() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        telemetry.inventory.discovery { probes = [ netconf ], netconf { credentials = nope } }"""));
    assertTrue(e.getMessage().contains("telemetry.inventory.discovery.netconf.credentials"), e.getMessage());
  }

  @Test
  void netconfNamedWithoutCredentialsIsRefusedNamingThePath() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        telemetry.inventory.discovery { rules = [ { select = "role = \\"core\\"", probes = [ netconf ] } ] }"""));
    assertTrue(e.getMessage().contains("'telemetry.inventory.discovery.netconf.credentials': probes or rules name netconf"),
        e.getMessage());
  }

  @Test
  void checkValidatesWithoutAnSshClient() {
    Config telemetry = ConfigFactory.parseString("""
        telemetry.inventory {
          credentials { core { username = u, password = p } }
          discovery { probes = [ netconf ], netconf { credentials = core } }
        }""").withFallback(ConfigFactory.defaultReference()).resolve().getConfig("telemetry");
    DiscoverySettings.check(telemetry); // no exception
    ConfigException e = assertThrows(ConfigException.class, () -> DiscoverySettings.check(
        telemetry.withValue("inventory.discovery.parallelism", com.typesafe.config.ConfigValueFactory.fromAnyRef(0))));
    assertTrue(e.getMessage().contains("telemetry.inventory.discovery"), e.getMessage());
  }
}
