package io.telemetry.collect.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample HOCON blocks in hocon/collectors/snmp.conf load through the real target loader. */
class SnmpSampleConfigTest {

  private static final Path SAMPLE = Path.of("..", "hocon", "collectors", "snmp.conf");
  private static final CollectorRegistry REGISTRY = new CollectorRegistry(List.of(new SnmpCollectorFactory()));

  /** The sample with its environment variables supplied as config values (what ${?VAR} falls back to). */
  private static Config sample(Map<String, String> environment) {
    assertTrue(Files.isRegularFile(SAMPLE), "missing " + SAMPLE.toAbsolutePath());
    return ConfigFactory.parseFile(SAMPLE.toFile())
        .withFallback(ConfigFactory.parseMap(environment))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  @Test
  void sampleTargetsLoadWithTheirSecretsFromTheEnvironment() {
    Config config = sample(Map.of(
        "TELEMETRY_SNMP_COMMUNITY", "c0mmunity",
        "TELEMETRY_SNMP_AUTH_PASSPHRASE", "authpass123",
        "TELEMETRY_SNMP_PRIV_PASSPHRASE", "privpass123"));
    List<Target> targets = TargetConfigLoader.load(config.getConfig("telemetry"), REGISTRY);

    assertEquals(List.of("access1.ams1", "core1.ams1"), targets.stream().map(Target::id).toList());
    Target access = targets.get(0);
    assertEquals("snmp", access.collectors().get(0).type());
    assertEquals(Duration.ofSeconds(60), access.collectors().get(0).interval());
    SnmpSettings v2c = SnmpSettings.parse(access.collectors().get(0).settings(), "x", access.id());
    assertEquals("c0mmunity", v2c.community().orElseThrow());
    assertEquals(161, v2c.port());

    Target core = targets.get(1);
    SnmpSettings v3 = SnmpSettings.parse(core.collectors().get(0).settings(), "x", core.id());
    assertEquals("authPriv", v3.usm().orElseThrow().securityLevel());
    assertEquals(50, v3.maxRepetitions());
  }

  @Test
  void anUnsetSecretIsRefusedAtLoadWithItsPath() {
    Config config = sample(Map.of("TELEMETRY_SNMP_COMMUNITY", "c0mmunity"));
    ConfigException e = assertThrows(ConfigException.class,
        () -> TargetConfigLoader.load(config.getConfig("telemetry"), REGISTRY));
    assertTrue(e.getMessage().contains("telemetry.targets[1].collectors[0].auth-passphrase"), e.getMessage());
  }
}
