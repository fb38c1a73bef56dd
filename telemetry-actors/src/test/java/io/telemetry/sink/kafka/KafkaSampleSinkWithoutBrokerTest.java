package io.telemetry.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.sample.Sample;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The sink without a reachable broker: failures are values, the stream and producer behave. */
class KafkaSampleSinkWithoutBrokerTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  // Nothing listens on port 1; metadata never arrives, so send() gives up after max.block.ms.
  private static KafkaSinkSettings unreachable() {
    return KafkaSinkSettings.fromConfig(ConfigFactory.parseString("bootstrap-servers = \"127.0.0.1:1\"")
            .withFallback(ConfigFactory.defaultReference().getConfig("telemetry.kafka")))
        .withProducerProperty("max.block.ms", "300");
  }

  private static PollBatch batch(String device, int samples) {
    Sample sample = new Sample(device, "interface", Instant.parse("2025-01-01T00:00:00Z"),
        Map.of("interface", "ge-0/0/0"), Map.of("in_octets", 1L), Map.of(), Map.of(), 64, "");
    return new PollBatch(device, java.util.Collections.nCopies(samples, sample));
  }

  @Test
  void reportsEveryBatchInOrderAndKeepsGoingWhenKafkaIsUnreachable() throws Exception {
    List<PollBatch> batches = List.of(batch("r1", 2), batch("r2", 0), batch("r3", 1));

    List<BatchDelivery> deliveries = Source.from(batches)
        .via(KafkaSampleSink.flow(unreachable(), "node-u", 2))
        .runWith(Sink.seq(), testKit.system())
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);

    assertEquals(batches, deliveries.stream().map(BatchDelivery::batch).toList());
    assertFalse(deliveries.get(0).delivered());
    assertTrue(deliveries.get(1).delivered(), "a batch without samples has nothing to wait for");
    assertFalse(deliveries.get(2).delivered());
    Throwable cause = deliveries.get(2).failure().orElseThrow();
    assertTrue(cause.getMessage().startsWith("device r3: "), cause.getMessage());
    assertTrue(cause.getMessage().contains("127.0.0.1:1"), cause.getMessage());
    deliveries.forEach(d -> assertEquals("kafka", d.sink()));
  }

  @Test
  void aTopicWithoutMetadataFailsItsBatchAfterOneWaitNotOnePerRecord() throws Exception {
    int samples = 20;
    long maxBlockMs = 1000;
    KafkaSinkSettings settings = unreachable().withProducerProperty("max.block.ms", Long.toString(maxBlockMs));
    long start = System.nanoTime();
    List<BatchDelivery> deliveries = Source.single(batch("r1", samples))
        .via(KafkaSampleSink.flow(settings, "node-u", 1))
        .runWith(Sink.seq(), testKit.system())
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertFalse(deliveries.get(0).delivered());
    assertTrue(deliveries.get(0).failure().orElseThrow().getMessage().contains("not present in metadata"),
        deliveries.get(0).failure().orElseThrow().getMessage());
    // Waiting max.block.ms per record would take samples x max.block.ms (20 s); one wait is about 1 s.
    assertTrue(elapsedMs < samples * maxBlockMs / 2, "the batch took " + elapsedMs + " ms to fail");
  }

  @Test
  void closesItsProducerWhenTheStreamEnds() throws Exception {
    ObjectName producers = new ObjectName("kafka.producer:type=app-info,*");
    int before = registered(producers);

    Source.single(batch("r1", 1))
        .via(KafkaSampleSink.flow(unreachable(), "node-u", 1))
        .runWith(Sink.ignore(), testKit.system())
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);

    // KafkaProducer registers its app-info MBean when created and removes it in close().
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (registered(producers) > before) {
      assertTrue(Instant.now().isBefore(deadline), "the producer was not closed after the stream ended");
      Thread.sleep(50);
    }
  }

  @Test
  void refusesAMissingNodeIdOrParallelism() {
    assertThrows(IllegalArgumentException.class, () -> KafkaSampleSink.flow(unreachable(), " ", 1));
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> KafkaSampleSink.flow(unreachable(), "n", 0));
    assertTrue(error.getMessage().contains("telemetry.pipeline.kafka-parallelism"));
  }

  private static int registered(ObjectName pattern) throws MalformedObjectNameException {
    return ManagementFactory.getPlatformMBeanServer().queryNames(pattern, null).size();
  }
}
