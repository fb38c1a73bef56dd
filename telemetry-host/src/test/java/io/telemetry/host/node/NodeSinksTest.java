package io.telemetry.host.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.pipeline.OverflowPolicy;
import io.telemetry.pipeline.SinkBranch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which sinks a node config gives: Kafka always (primary), InfluxDB only when enabled. */
class NodeSinksTest {

  private static final CompletableFuture<Void> NO_TOPIC_SETUP = CompletableFuture.completedFuture(null);

  private static Config telemetry(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference()).resolve()
        .getConfig("telemetry");
  }

  @Test
  void kafkaOnlyByDefault() {
    List<SinkBranch> sinks = NodeSinks.fromConfig(telemetry(""), "n1", NO_TOPIC_SETUP);
    assertEquals(List.of("kafka"), sinks.stream().map(b -> b.sink().name()).toList());
    assertTrue(sinks.get(0).primary());
  }

  @Test
  void influxIsASecondaryBranchWithItsOwnBufferWhenEnabled() {
    List<SinkBranch> sinks = NodeSinks.fromConfig(telemetry(
        "telemetry.influx { enabled = on, buffer-batches = 32, overflow = backpressure }"), "n1", NO_TOPIC_SETUP);
    assertEquals(List.of("kafka", "influx"), sinks.stream().map(b -> b.sink().name()).toList());
    SinkBranch influx = sinks.get(1);
    assertFalse(influx.primary());
    assertEquals(32, influx.bufferBatches());
    assertEquals(OverflowPolicy.BACKPRESSURE, influx.overflow());
  }

  @Test
  void aBrokenInfluxBlockMattersOnlyWhenEnabled() {
    String broken = "telemetry.influx { dialect = v2, bucket = \"\" }";
    assertEquals(1, NodeSinks.fromConfig(telemetry(broken), "n1", NO_TOPIC_SETUP).size());
    ConfigException error = assertThrows(ConfigException.class,
        () -> NodeSinks.fromConfig(telemetry(broken + "\ntelemetry.influx.enabled = on"), "n1", NO_TOPIC_SETUP));
    assertTrue(error.getMessage().contains("telemetry.influx.bucket"), error.getMessage());
  }
}
