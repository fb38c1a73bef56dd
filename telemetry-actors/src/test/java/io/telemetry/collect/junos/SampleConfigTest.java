package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample HOCON block in hocon/collectors stays loadable on top of reference.conf. */
class SampleConfigTest {

  @Test
  void sampleTargetBlockLoadsOverTheReferenceConfig() {
    Path sample = Path.of("..", "hocon", "collectors", "junos-netconf.conf");
    assertTrue(Files.isRegularFile(sample), "missing " + sample.toAbsolutePath());
    Config config = ConfigFactory.parseFile(sample.toFile())
        .withFallback(ConfigFactory.defaultReference())
        .resolve();

    List<? extends Config> targets = config.getConfigList("telemetry.targets");
    assertEquals(1, targets.size());
    Config target = targets.get(0);
    assertEquals("edge1.ams1", target.getString("id"));
    assertEquals(JunosNetconfCollectorFactory.TYPE, target.getString("collector"));
    assertEquals(830, target.getInt("port"));
    assertEquals(Duration.ofSeconds(60), target.getDuration("interval"));
    assertEquals(Duration.ofSeconds(20), target.getDuration("timeout"));
    assertEquals("ams1", target.getString("labels.site"));
  }
}
