package io.telemetry.host.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The 3-VM HOCON in deploy/hocon loads as a node would load it, with the secrets from the environment. */
class DeployHoconTest {

  private static final Path HOCON = Path.of("..", "deploy", "hocon");

  // Stand-ins for /etc/telemetry/telemetry.env: substitutions find them at the root of the config.
  private static final Config SECRETS = ConfigFactory.parseMap(Map.of(
      "EDGE1_PASSWORD", "edge-secret", "CORE1_PASSWORD", "core-secret", "DEVICE_PASSWORD", "shared-secret",
      "KAFKA_SASL_USERNAME", "kafka-user", "KAFKA_SASL_PASSWORD", "kafka-secret"));

  private static Config node(int n) {
    return TelemetryConfig.load(Optional.of(HOCON.resolve("node-" + n + ".conf")), SECRETS);
  }

  @Test
  void eachVmHasItsOwnIdAndAddressesAndTheSameCluster() {
    for (int n = 1; n <= 3; n++) {
      Config config = node(n);
      assertEquals("collector-" + n, config.getString("telemetry.node-id"));
      assertEquals("10.0.1.1" + n, config.getString("pekko.remote.artery.canonical.hostname"));
      assertEquals("10.0.1.1" + n, config.getString("pekko.management.http.hostname"));
      assertEquals(7626, config.getInt("pekko.management.http.port"));
      assertEquals(List.of("pekko://telemetry@10.0.1.11:25520", "pekko://telemetry@10.0.1.12:25520",
          "pekko://telemetry@10.0.1.13:25520"), config.getStringList("pekko.cluster.seed-nodes"));
      assertEquals(List.of("collector", "correlator"), config.getStringList("pekko.cluster.roles"));
      assertEquals("keep-majority", config.getString("pekko.cluster.split-brain-resolver.active-strategy"));
      assertFalse(config.getBoolean("pekko.management.http.route-providers-read-only"), "cluster leave needs it");
    }
  }

  @Test
  void secretsComeFromTheEnvironment() {
    Config config = node(2);
    List<Target> targets = TargetConfigLoader.load(config.getConfig("telemetry"),
        NodeCollectors.registry(config.getConfig("telemetry")));
    assertEquals(List.of("edge1.ams1", "core1.fra2", "access1.ams1"), targets.stream().map(Target::id).toList());
    assertEquals(Optional.of("core-secret"), targets.get(1).credentials().password());
    assertEquals(Optional.of("shared-secret"), targets.get(2).credentials().password());
    String jaas = config.getString("telemetry.kafka.properties.sasl.jaas.config");
    assertTrue(jaas.endsWith("required username=\"kafka-user\" password=\"kafka-secret\";"), jaas);
  }
}
