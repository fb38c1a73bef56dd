package io.telemetry.host.demo;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.runtime.EventJsonCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads event topics as any consumer should (read_committed: events of aborted transactions are
 * never seen) from their end at {@link #start}, on a thread of its own, and hands every decoded
 * event to a listener. The demo prints them, the bench measures their latency.
 */
public final class EventFeed implements AutoCloseable {

  /** Hears of each committed event, on the feed's thread. */
  public interface Listener {
    void onEvent(ConsumerRecord<String, byte[]> record, CorrelatedEvent event);
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final Listener listener;
  private final Consumer<String> problems;
  private final EventJsonCodec codec = new EventJsonCodec();
  private final Thread thread;

  private EventFeed(KafkaConsumer<String, byte[]> consumer, Listener listener, Consumer<String> problems) {
    this.consumer = consumer;
    this.listener = listener;
    this.problems = problems;
    this.thread = new Thread(this::run, "event-feed");
    this.thread.setDaemon(true);
  }

  /**
   * The properties of a consumer of event topics: read_committed, no auto-commit (the caller
   * commits what it has handled, if anything). {@code telemetry events tail} uses them too.
   *
   * @param autoOffsetReset where a group without offsets starts: earliest or latest
   */
  public static Map<String, Object> consumerProperties(String bootstrapServers, String groupId, String autoOffsetReset) {
    return Map.of(
        "bootstrap.servers", bootstrapServers,
        "group.id", groupId,
        "auto.offset.reset", autoOffsetReset,
        "isolation.level", "read_committed",
        "enable.auto.commit", "false");
  }

  /**
   * The topic's partitions, asking again until {@code within} passed: a topic created just before
   * (the rules' event topics) may not be in the broker's metadata yet, and then the consumer answers
   * with no partitions at once rather than waiting.
   */
  private static List<PartitionInfo> partitionsOf(KafkaConsumer<String, byte[]> consumer, String topic,
      Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, within);
      if (infos != null && !infos.isEmpty() || System.nanoTime() >= deadline) {
        return infos == null ? List.of() : infos;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
  }

  /**
   * Takes every partition of {@code topics} (which must exist) at its current end, then follows
   * them. Returns once the positions are fixed, so nothing committed afterwards is missed.
   *
   * @param problems hears of records that are not schema-1 events (one line each, naming topic,
   *                 partition and offset)
   */
  public static EventFeed start(String bootstrapServers, List<String> topics, Listener listener,
      Consumer<String> problems) {
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        consumerProperties(bootstrapServers, "telemetry-event-feed", "latest"),
        new StringDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        List<PartitionInfo> infos = partitionsOf(consumer, topic, Duration.ofSeconds(30));
        if (infos.isEmpty()) {
          throw new IllegalStateException("event feed: topic " + topic + " has no partitions at "
              + bootstrapServers);
        }
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      // Assigned, not subscribed: no group rebalance to wait for; position() fixes the start now.
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
    } catch (RuntimeException e) {
      consumer.close(Duration.ofSeconds(2));
      throw e;
    }
    EventFeed feed = new EventFeed(consumer, listener, problems);
    feed.thread.start();
    return feed;
  }

  /** What a record that is not an event looks like in a report. */
  public static String notAnEvent(ConsumerRecord<String, byte[]> record, IllegalArgumentException e) {
    return record.topic() + " partition " + record.partition() + " offset " + record.offset()
        + ": not a schema-1 event: " + e.getMessage();
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          CorrelatedEvent event;
          try {
            event = codec.decode(record.value());
          } catch (IllegalArgumentException e) {
            problems.accept(notAnEvent(record, e));
            continue;
          }
          listener.onEvent(record, event);
        }
      }
    } catch (WakeupException closing) {
      // close() was called
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
