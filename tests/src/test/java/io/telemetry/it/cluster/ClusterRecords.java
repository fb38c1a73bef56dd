package io.telemetry.it.cluster;

import io.telemetry.sink.kafka.SampleJsonCodec;
import io.telemetry.sink.kafka.SampleProducerRecords;
import io.telemetry.sink.kafka.SampleRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of one topic since the beginning, read on demand by one consumer without a group,
 * with the polling node from the {@code telemetry-node} header. Not thread-safe: the test thread
 * only.
 */
final class ClusterRecords implements AutoCloseable {

  /** One record: the device (key), the node that polled it (header), and the sample. */
  record Polled(String device, String node, int partition, long offset, SampleRecord sample) {
    Instant time() {
      return sample.time();
    }
  }

  private static final SampleJsonCodec CODEC = new SampleJsonCodec();

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Polled> records = new ArrayList<>();
  private final List<TopicPartition> partitions;

  ClusterRecords(String bootstrap, String topic, Duration topicWait) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
    long deadline = System.nanoTime() + topicWait.toNanos();
    List<PartitionInfo> infos = consumer.partitionsFor(topic, topicWait);
    while (infos.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("topic " + topic + " did not appear within " + topicWait);
      }
      infos = consumer.partitionsFor(topic, topicWait);
    }
    partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads up to the end of the topic as of this call and returns every record so far. */
  List<Polled> all() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    // Records keep arriving: read up to where the topic ended when asked, not until it is quiet.
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
        records.add(new Polled(r.key(), node(r), r.partition(), r.offset(), CODEC.decode(r.value())));
      }
    }
    return List.copyOf(records);
  }

  private static String node(ConsumerRecord<String, byte[]> r) {
    Header header = r.headers().lastHeader(SampleProducerRecords.NODE_HEADER);
    if (header == null) {
      throw new AssertionError("record " + r.topic() + "/" + r.partition() + "@" + r.offset() + " of " + r.key()
          + " has no " + SampleProducerRecords.NODE_HEADER + " header");
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
