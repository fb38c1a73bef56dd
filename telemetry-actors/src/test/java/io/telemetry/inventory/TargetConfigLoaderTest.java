package io.telemetry.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetConfigLoaderTest {

  private static final Set<String> COLLECTORS = Set.of("junos-netconf");

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
    assertEquals("junos-netconf", r1.collector());
    assertEquals(Duration.ofSeconds(30), r1.interval());
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
