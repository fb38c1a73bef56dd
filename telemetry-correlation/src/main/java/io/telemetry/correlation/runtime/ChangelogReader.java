package io.telemetry.correlation.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one changelog partition from the beginning to its end (blocking I/O: runs on the blocking
 * dispatcher, never on an actor's thread).
 *
 * <p>The end is the high watermark, not the last stable offset: a read_committed consumer stops at
 * an open transaction until it is committed or aborted, so every transaction written before the
 * restore began is resolved (and its state applied or skipped) before the task evaluates a record.
 */
final class ChangelogReader {

  private ChangelogReader() {}

  static TaskSnapshot read(CorrelationSettings settings, String topic, int partition, Duration timeout) {
    TopicPartition tp = new TopicPartition(topic, partition);
    Instant deadline = Instant.now().plus(timeout);
    long end;
    try (Admin admin = Admin.create(KafkaClientProperties.base(settings))) {
      end = admin.listOffsets(Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
          .partitionResult(tp).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("changelog " + tp + ": interrupted while reading its end offset", e);
    } catch (Exception e) {
      throw new IllegalStateException("changelog " + tp + ": cannot read its end offset: " + e, e);
    }
    Properties props = new Properties();
    props.putAll(KafkaClientProperties.base(settings));
    props.put("isolation.level", "read_committed");
    props.put("enable.auto.commit", "false");
    props.put("max.poll.records", "2000");
    TaskMeta meta = TaskMeta.EMPTY;
    Map<String, byte[]> states = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (consumer.position(tp) < end) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("changelog " + tp + ": restore did not reach offset " + end + " within "
              + timeout + " (at " + consumer.position(tp) + "; an open transaction of a dead instance is aborted"
              + " after " + CorrelationSettings.PATH + ".transaction-timeout)");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (TaskMeta.KEY.equals(record.key())) {
            meta = record.value() == null ? TaskMeta.EMPTY : StateJson.read(record.value(), TaskMeta.class);
          } else if (record.value() == null) {
            states.remove(record.key());
          } else {
            states.put(record.key(), record.value());
          }
        }
      }
    }
    return new TaskSnapshot(meta, states);
  }
}
