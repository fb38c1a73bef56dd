package io.telemetry.it.kafka;

import io.telemetry.it.support.TopicReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.sink.kafka.KafkaSampleSink;
import io.telemetry.sink.kafka.SampleJsonCodec;
import io.telemetry.sink.kafka.SampleRecord;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka sink flow against a real broker: where records land and what they look like. */
class KafkaSampleSinkTest {

  private static final List<String> DEVICES = List.of("edge-1", "edge-2", "core-1", "core-2");
  private static final int POLLS = 20;

  private static EmbeddedKafka kafka;
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.builder().build().start();
    system = ActorSystem.create(Behaviors.empty(), "kafka-sink-it");
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void deliversEachBatchAsOneRecordPerSampleInFamilyTopicsKeyedAndOrderedByDevice() throws Exception {
    Config telemetry = ConfigFactory.parseString(
            "telemetry.kafka.bootstrap-servers = \"" + kafka.bootstrapServers() + "\"\n"
                + "telemetry.kafka.topic-pattern = \"it.sink.{family}\"\n"
                + "telemetry.pipeline.kafka-parallelism = 8")
        .withFallback(ConfigFactory.load())
        .getConfig("telemetry");
    List<PollBatch> batches = new ArrayList<>();
    for (int seq = 0; seq < POLLS; seq++) {
      for (String device : DEVICES) {
        batches.add(TestBatches.poll(device, seq));
      }
    }

    List<BatchDelivery> deliveries = Source.from(batches)
        .via(KafkaSampleSink.flow(telemetry, "node-it"))
        .runWith(Sink.seq(), system)
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);

    assertEquals(batches, deliveries.stream().map(BatchDelivery::batch).toList(), "one outcome per batch, in order");
    for (BatchDelivery delivery : deliveries) {
      assertTrue(delivery.delivered(), () -> "not delivered: " + delivery.failure());
      assertEquals("kafka", delivery.sink());
    }

    int expectedRecords = DEVICES.size() * POLLS * 3;
    List<ConsumerRecord<String, byte[]>> records = TopicReader.readAtLeast(
        kafka.bootstrapServers(), List.of("it.sink.interface", "it.sink.route_engine"), expectedRecords);
    assertEquals(expectedRecords, records.size(), "exactly one record per sample");

    SampleJsonCodec codec = new SampleJsonCodec();
    Map<String, Set<Integer>> partitionsByTopicAndDevice = new HashMap<>();
    Map<String, Integer> lastSeqBySeries = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      SampleRecord sample = codec.decode(record.value());
      assertEquals(1, sample.schema());
      assertEquals("it.sink." + sample.family(), record.topic());
      assertEquals(sample.device(), record.key(), "keyed by device id");
      assertEquals("node-it", sample.node());
      assertEquals("node-it", header(record, "telemetry-node"));
      assertEquals("1", header(record, "telemetry-schema"));

      int seq = sample.counters().get("seq").intValue();
      assertEquals(TestBatches.START.plusSeconds(10L * seq).plusNanos(seq), sample.time(), "nanosecond time kept");
      assertEquals(sample.time().toEpochMilli(), record.timestamp(), "record timestamp is the sample time");
      if (sample.family().equals("interface")) {
        assertEquals(BigInteger.ONE.shiftLeft(63).add(BigInteger.valueOf(seq)), sample.unsignedCounter("in_octets"));
        assertEquals(0.5 * seq, sample.rates().get("in_octets"));
      }

      partitionsByTopicAndDevice.computeIfAbsent(record.topic() + "|" + record.key(), k -> new HashSet<>())
          .add(record.partition());
      String series = record.topic() + "|" + record.key() + "|" + sample.tags();
      Integer previous = lastSeqBySeries.put(series, seq);
      assertEquals(previous == null ? 0 : previous + 1, seq, "polls of " + series + " in order");
    }
    assertEquals(DEVICES.size() * 2, partitionsByTopicAndDevice.size());
    partitionsByTopicAndDevice.forEach((topicAndDevice, partitions) ->
        assertEquals(1, partitions.size(), topicAndDevice + " stays on one partition"));
    assertEquals(DEVICES.size() * 3, lastSeqBySeries.size());
    lastSeqBySeries.forEach((series, last) -> assertEquals(POLLS - 1, last, series + " complete"));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
