package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample HOCON block in hocon/collectors loads through the real target loader, settings included. */
class SampleConfigTest {

  @Test
  void sampleTargetBlockLoadsOverTheReferenceConfig() {
    Path sample = Path.of("..", "hocon", "collectors", "junos-netconf.conf");
    assertTrue(Files.isRegularFile(sample), "missing " + sample.toAbsolutePath());
    Config config = ConfigFactory.parseFile(sample.toFile())
        .withFallback(ConfigFactory.parseString("TELEMETRY_JUNOS_PASSWORD = secret"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();

    List<Target> targets = TargetConfigLoader.load(config.getConfig("telemetry"),
        new CollectorRegistry(List.of(new JunosNetconfCollectorFactory())));
    assertEquals(1, targets.size());
    Target target = targets.get(0);
    assertEquals("edge1.ams1", target.id());
    assertEquals(830, target.port());
    assertEquals(Duration.ofSeconds(20), target.timeout());
    assertEquals("ams1", target.labels().get("site"));
    CollectorSpec spec = target.collectors().get(0);
    assertEquals(JunosNetconfCollectorFactory.TYPE, spec.type());
    assertEquals(Duration.ofSeconds(60), spec.interval());
    JunosCollectorSettings settings = JunosCollectorSettings.from(spec);
    assertEquals(EnumSet.allOf(JunosRpcGroup.class), settings.rpcs(), "the sample lists every group");
    assertEquals(JunosCollectorSettings.defaults(), settings, "and shows the defaults");
  }
}
