package io.telemetry.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.meraki.MerakiCollectorFactory;
import io.telemetry.collect.meraki.MerakiSettings;
import io.telemetry.collect.meraki.RateLimitSettings;
import io.telemetry.collect.cli.CliCollectorFactory;
import io.telemetry.collect.cli.CliSettings;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample blocks in hocon/collectors load and validate over reference.conf, as a node loads them. */
class CliAndMerakiSampleConfigsTest {

  private static final CollectorRegistry REGISTRY = new CollectorRegistry(List.of(new JunosNetconfCollectorFactory(),
      new CliCollectorFactory(), new MerakiCollectorFactory(RateLimitSettings.MERAKI_DEFAULT)));

  private static List<Target> load(String file, Map<String, String> environment) {
    Path sample = Path.of("..", "hocon", "collectors", file);
    assertTrue(Files.isRegularFile(sample), "missing " + sample.toAbsolutePath());
    Config env = ConfigFactory.parseMap(environment);
    Config config = ConfigFactory.parseFile(sample.toFile()).withFallback(env)
        .withFallback(ConfigFactory.defaultReference()).resolve();
    return TargetConfigLoader.load(config.getConfig("telemetry"), REGISTRY);
  }

  @Test
  void merakiSampleLoads() {
    Target target = load("meraki.conf", Map.of("MERAKI_API_KEY", "sample-key")).get(0);
    assertEquals("meraki.acme", target.id());
    MerakiSettings settings = MerakiSettings.from(target.collectors().get(0));
    assertEquals("549236", settings.organizationId());
    assertEquals("sample-key", settings.apiKey());
    assertTrue(REGISTRY.usesSsh(target) == false, "no SSH, no credentials needed");
  }

  @Test
  void cliSampleLoads() {
    Target target = load("cli.conf", Map.of("TELEMETRY_JUNOS_PASSWORD", "pw")).get(0);
    assertEquals(22, target.port());
    CliSettings settings = CliSettings.from(target.collectors().get(0));
    assertEquals(3, settings.commands().size());
    assertEquals("flow_sessions", settings.commands().get(2).recipe().orElseThrow().family());
  }
}
