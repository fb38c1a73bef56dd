package io.telemetry.host.bench.failover;

import io.telemetry.sink.kafka.SampleJsonCodec;
import io.telemetry.sink.kafka.SampleProducerRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * kept as {@link Delivery}s. Not thread-safe: the bench's thread only.
 */
final class DeliveryReader implements AutoCloseable {

  private static final SampleJsonCodec CODEC = new SampleJsonCodec();

  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Delivery> deliveries = new ArrayList<>();
  private final List<TopicPartition> partitions;

  DeliveryReader(String bootstrap, String topic, Duration topicWait) {
    this.topic = topic;
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
    List<PartitionInfo> infos = consumer.partitionsFor(topic, topicWait);
    if (infos.isEmpty()) {
      consumer.close();
      throw new IllegalStateException("bench failover: topic " + topic + " not found within " + topicWait);
    }
    partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads up to where the topic ended when called and returns every record so far. */
  List<Delivery> all() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
        deliveries.add(new Delivery(r.key(), node(r), CODEC.decode(r.value()).time(), r.partition(), r.offset()));
      }
    }
    return List.copyOf(deliveries);
  }

  private String node(ConsumerRecord<String, byte[]> r) {
    Header header = r.headers().lastHeader(SampleProducerRecords.NODE_HEADER);
    if (header == null) {
      throw new IllegalStateException("bench failover: record " + topic + "/" + r.partition() + "@" + r.offset()
          + " of device " + r.key() + " has no " + SampleProducerRecords.NODE_HEADER + " header");
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
