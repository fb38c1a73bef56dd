package io.telemetry.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import org.junit.jupiter.api.Test;

class TargetConfigLoaderTest {

  private static final CollectorRegistry COLLECTORS = new CollectorRegistry(List.of(new JunosNetconfCollectorFactory()));

  private static List<Target> load(String hocon) {
    Config config = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
    return TargetConfigLoader.load(config.getConfig("telemetry"), COLLECTORS);
  }

  private static String error(String hocon) {
    return assertThrows(ConfigException.class, () -> load(hocon)).getMessage();
  }

  @Test
  void readsATargetWithDefaults() {
    List<Target> targets = load("""
        telemetry.defaults.interval = 30s
        telemetry.targets = [
          { id = r1, host = "192.0.2.1", username = telemetry, password = secret, labels { site = ams1 } }
        ]""");
    Target r1 = targets.get(0);
    assertEquals("r1", r1.id());
    assertEquals(830, r1.port());
    assertEquals("junos-netconf", r1.collectors().get(0).type());
    assertEquals(Duration.ofSeconds(30), r1.collectors().get(0).interval());
    assertEquals("secret", r1.credentials().password().orElseThrow());
    assertEquals("ams1", r1.labels().get("site"));
    assertTrue(!r1.toString().contains("secret"), "secrets never printed: " + r1);
  }

  @Test
  void aPasswordFromAnUnsetEnvironmentVariableIsReportedByPath() {
    String message = error("""
        telemetry.targets = [
          { id = r1, host = h, username = u, password = secret }
          { id = r2, host = h, username = u, password = ${?TELEMETRY_TEST_SURELY_UNSET_VARIABLE} }
        ]""");
    assertTrue(message.contains("telemetry.targets[1].password"), message);
    assertTrue(message.contains("r2"), message);
  }

  @Test
  void readsSeveralCollectorsEachWithItsIntervalAndSettings() {
    Target r1 = load("""
        telemetry.defaults.interval = 30s
        telemetry.targets = [
          { id = r1, host = h, username = u, password = p, collectors = [
              { type = junos-netconf }
              { type = junos-netconf, interval = 5m, inventory-interval = 3m }
          ] }
        ]""").get(0);
    assertEquals(2, r1.collectors().size());
    assertEquals(Duration.ofSeconds(30), r1.collectors().get(0).interval());
    assertEquals(Duration.ofMinutes(5), r1.collectors().get(1).interval());
    assertEquals(Duration.ofMinutes(3), r1.collectors().get(1).settings().getDuration("inventory-interval"), "kept for the collector");
    assertEquals("telemetry.targets[0].collectors[1]", r1.collectors().get(1).path());
    assertTrue(error("telemetry.targets = [ { id = a, host = h, username = u, password = p, collectors = [ { type = nope } ] } ]")
        .contains("telemetry.targets[0].collectors[0].type"));
    assertTrue(error("telemetry.targets = [ { id = a, host = h, username = u, password = p, collector = junos-netconf, collectors = [ { type = junos-netconf } ] } ]")
        .contains("telemetry.targets[0].collector"));
  }

  @Test
  void errorsNameThePath() {
    assertTrue(error("telemetry.targets = [ { host = h, username = u, password = p } ]")
        .contains("telemetry.targets[0].id"));
    assertTrue(error("telemetry.targets = [ { id = a, host = h, username = u, password = p, colector = x } ]")
        .contains("telemetry.targets[0].colector"));
    assertTrue(error("telemetry.targets = [ { id = a, host = h, username = u, password = p, collector = snmp9 } ]")
        .contains("telemetry.targets[0].collector"));
    assertTrue(error("telemetry.targets = [ { id = a, host = h, username = u, password = p, interval = often } ]")
        .contains("telemetry.targets[0].interval"));
    assertTrue(error("telemetry.targets = [ { id = a, host = h, username = u, password = p, port = 70000 } ]")
        .contains("telemetry.targets[0].port"));
    assertTrue(error("""
        telemetry.targets = [
          { id = a, host = h, username = u, password = p }
          { id = a, host = h2, username = u, password = p }
        ]""").contains("telemetry.targets[1].id"));
    assertTrue(error("telemetry.targets = [ { id = a, host = h, username = u, private-key = /nonexistent/key } ]")
        .contains("telemetry.targets[0].private-key"));
  }
}
