package io.telemetry.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.pipeline.OverflowPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sample block in hocon/sinks stays loadable on top of reference.conf. */
class InfluxSampleConfigTest {

  @Test
  void sampleSinkBlockLoadsOverTheReferenceConfig() {
    Path sample = Path.of("..", "hocon", "sinks", "influx.conf");
    assertTrue(Files.isRegularFile(sample), "missing " + sample.toAbsolutePath());
    Config influx = ConfigFactory.parseFile(sample.toFile())
        .withFallback(ConfigFactory.defaultReference())
        .resolve()
        .getConfig("telemetry.influx");

    assertTrue(InfluxSinkSettings.enabled(influx));
    InfluxSinkSettings settings = InfluxSinkSettings.fromConfig(influx);
    assertEquals(URI.create("http://influxdb.example.net:8086"), settings.url());
    assertEquals(InfluxDialect.V1, settings.dialect());
    assertEquals(URI.create("http://influxdb.example.net:8086/write?db=telemetry&precision=ns"), settings.writeUri());
    assertEquals(OverflowPolicy.DROP_OLDEST, settings.overflow());
    assertTrue(settings.gzip());
  }
}
