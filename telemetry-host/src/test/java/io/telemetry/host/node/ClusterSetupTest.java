package io.telemetry.host.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.config.TelemetryConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterSetupTest {

  private static Config node(String hocon) {
    return TelemetryConfig.load(Optional.empty(), ConfigFactory.parseString(hocon));
  }

  @Test
  void rolesReachPekkoAndDecideWhatReadinessWaitsFor() {
    Config collector = node("");
    ClusterSetup setup = ClusterSetup.fromConfig(collector);
    assertEquals(List.of("collector"), setup.roles());
    assertEquals(List.of("device"), setup.apply(collector).getStringList("pekko.cluster.sharding.healthcheck.names"));

    Config correlator = node("telemetry.cluster.roles = [correlator]");
    assertEquals(List.of("correlator"), correlator.getStringList("pekko.cluster.roles"));
    ClusterSetup correlatorSetup = ClusterSetup.fromConfig(correlator);
    assertTrue(correlatorSetup.correlator() && !correlatorSetup.collector());
    assertEquals(List.of(), correlatorSetup.apply(correlator).getStringList("pekko.cluster.sharding.healthcheck.names"));
  }

  @Test
  void sbrAndManagementSettingsReachPekko() {
    Config config = node("telemetry.cluster.split-brain-resolver { active-strategy = keep-oldest, stable-after = 7s }\n"
        + "pekko.remote.artery.canonical.hostname = \"10.0.0.5\"\ntelemetry.management.port = 9000");
    Config applied = ClusterSetup.fromConfig(config).apply(config);
    assertEquals("keep-oldest", applied.getString("pekko.cluster.split-brain-resolver.active-strategy"));
    assertEquals(7, applied.getDuration("pekko.cluster.split-brain-resolver.stable-after").toSeconds());
    assertEquals("10.0.0.5", applied.getString("pekko.management.http.hostname"), "defaults to the remoting host");
    assertEquals(9000, applied.getInt("pekko.management.http.port"));
  }

  @Test
  void unknownRolesAndConflictingJoinSettingsAreRejectedByName() {
    ConfigException role = assertThrows(ConfigException.class,
        () -> ClusterSetup.fromConfig(node("telemetry.cluster.roles = [collector, poller]")));
    assertTrue(role.getMessage().contains("telemetry.cluster.roles") && role.getMessage().contains("poller"),
        role.getMessage());
    ConfigException both = assertThrows(ConfigException.class, () -> ClusterSetup.fromConfig(node(
        "telemetry.cluster.bootstrap = on\npekko.cluster.seed-nodes = [\"pekko://telemetry@10.0.0.1:25520\"]")));
    assertTrue(both.getMessage().contains("telemetry.cluster.bootstrap"), both.getMessage());
    ConfigException noManagement = assertThrows(ConfigException.class, () -> ClusterSetup.fromConfig(node(
        "telemetry.cluster.bootstrap = on\ntelemetry.management.enabled = off")));
    assertTrue(noManagement.getMessage().contains("telemetry.management.enabled"), noManagement.getMessage());
  }
}
