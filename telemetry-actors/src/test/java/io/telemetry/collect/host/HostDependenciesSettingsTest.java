package io.telemetry.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostDependenciesSettingsTest {

  private static final String PATH = "telemetry.targets[2].collectors[1]";
  private final HostDependenciesCollectorFactory factory = new HostDependenciesCollectorFactory();

  @Test
  void defaults() {
    HostDependenciesSettings settings = HostDependenciesSettings.from(spec(""));
    assertEquals(Optional.empty(), settings.inventory());
    assertEquals(Duration.ofMinutes(5), settings.inventoryRefresh());
    assertEquals(Path.of("/proc"), settings.proc());
    assertTrue(settings.includeLoopback());
    assertFalse(factory.usesSsh(), "runs on the node, needs no login");
  }

  @Test
  void everySetting() {
    HostDependenciesSettings settings = HostDependenciesSettings.from(spec("""
        inventory = "http://cmdb.example.net/inventory"
        inventory-refresh = 90s
        proc = "/host/proc"
        include-loopback = false
        """));
    assertEquals("http://cmdb.example.net/inventory", settings.inventory().orElseThrow().describe());
    assertEquals(Duration.ofSeconds(90), settings.inventoryRefresh());
    assertEquals(Path.of("/host/proc"), settings.proc());
    assertFalse(settings.includeLoopback());
  }

  @Test
  void badSettingsAreNamedByTheirPath() {
    assertRefused("inventory = \"/etc/inventory.json\"", PATH + ".inventory", "must start with file:/");
    assertRefused("inventory = \"\"", PATH + ".inventory", "must not be empty");
    assertRefused("inventory = [\"file:/a\"]", PATH + ".inventory", "string");
    assertRefused("inventory-refresh = soon", PATH + ".inventory-refresh", "not a duration");
    assertRefused("inventory-refresh = 0s", PATH + ".inventory-refresh", "must be positive");
    assertRefused("proc = \"proc\"", PATH + ".proc", "must be an absolute path");
    assertRefused("include-loopback = maybe", PATH + ".include-loopback", "must be true or false");
    assertRefused("inventory-url = \"http://x\"", PATH + ".inventory-url", "unknown setting");
  }

  @Test
  void theTargetMustBeThisNode() {
    for (String host : List.of("localhost", "LOCALHOST", "127.0.0.1", "::1")) {
      factory.validate(target(host, spec("")), spec(""));
    }
    ConfigException e = assertThrows(ConfigException.class,
        () -> factory.validate(target("app1.example.net", spec("")), spec("")));
    assertTrue(e.getMessage().contains(PATH + ".type"), e.getMessage());
    assertTrue(e.getMessage().contains("target \"node-host\""), e.getMessage());
    assertTrue(e.getMessage().contains("must be \"localhost\", not \"app1.example.net\""), e.getMessage());
  }

  @Test
  void aTargetWithOnlyThisCollectorNeedsNoCredentials() {
    Config telemetry = ConfigFactory.parseString("""
        targets = [ { id = "node-host", host = "localhost",
                      collectors = [ { type = "host-dependencies", interval = 10s, include-loopback = false } ] } ]
        """).withFallback(ConfigFactory.defaultReference().getConfig("telemetry"));
    List<Target> targets = TargetConfigLoader.load(telemetry, new CollectorRegistry(List.of(factory)));
    CollectorSpec spec = targets.get(0).collectors().get(0);
    assertEquals(Duration.ofSeconds(10), spec.interval());
    assertFalse(HostDependenciesSettings.from(spec).includeLoopback());
  }

  @Test
  void sampleTargetBlockLoadsOverTheReferenceConfig() {
    Path sample = Path.of("..", "hocon", "collectors", "host-dependencies.conf");
    assertTrue(Files.isRegularFile(sample), "missing " + sample.toAbsolutePath());
    Config config = ConfigFactory.parseFile(sample.toFile()).withFallback(ConfigFactory.defaultReference()).resolve();
    List<Target> targets = TargetConfigLoader.load(config.getConfig("telemetry"), new CollectorRegistry(List.of(factory)));
    assertEquals(1, targets.size());
    Target target = targets.get(0);
    assertEquals("localhost", target.host());
    CollectorSpec spec = target.collectors().get(0);
    assertEquals(HostDependenciesCollectorFactory.TYPE, spec.type());
    HostDependenciesSettings settings = HostDependenciesSettings.from(spec);
    assertEquals("file:/etc/telemetry/inventory.json", settings.inventory().orElseThrow().describe());
    assertEquals(Duration.ofMinutes(5), settings.inventoryRefresh());
  }

  private void assertRefused(String block, String path, String reason) {
    ConfigException e = assertThrows(ConfigException.class, () -> factory.validate(target("localhost", spec(block)),
        spec(block)));
    assertTrue(e.getMessage().contains(path), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  private static CollectorSpec spec(String block) {
    return new CollectorSpec(HostDependenciesCollectorFactory.TYPE, Duration.ofSeconds(60), ConfigFactory.parseString(block),
        PATH);
  }

  private static Target target(String host, CollectorSpec spec) {
    return new Target("node-host", host, 830, new Credentials("", Optional.empty(), Optional.empty()), List.of(spec),
        Duration.ofSeconds(5), Map.of());
  }
}
