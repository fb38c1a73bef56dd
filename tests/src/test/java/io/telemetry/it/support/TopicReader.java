package io.telemetry.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads topics from the beginning, without a consumer group, until a condition holds. */
public final class TopicReader {

  private TopicReader() {}

  /**
   * @return every record of the topics (in partition order within each partition) read until
   *     {@code done} holds for them
   * @throws AssertionError when {@code done} does not hold within {@code timeout}
   */
  public static List<ConsumerRecord<String, byte[]>> readUntil(
      String bootstrap, List<String> topics, Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        // The topic appears when the first record is produced to it (auto-creation).
        List<org.apache.kafka.common.PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        while (infos.isEmpty()) {
          if (Instant.now().isAfter(deadline)) {
            throw new AssertionError("topic " + topic + " did not appear within " + timeout);
          }
          sleep();
          infos = consumer.partitionsFor(topic, timeout);
        }
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!done.test(records)) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("within " + timeout + " read only " + records.size()
              + " record(s) from " + topics + " and the expected ones were not all there");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public static List<ConsumerRecord<String, byte[]>> readAtLeast(String bootstrap, List<String> topics, int count) {
    return readUntil(bootstrap, topics, records -> records.size() >= count, Duration.ofSeconds(60));
  }
}
