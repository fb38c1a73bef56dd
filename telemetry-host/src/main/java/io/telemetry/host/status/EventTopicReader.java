package io.telemetry.host.status;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.runtime.EventJsonCodec;
import io.telemetry.host.demo.EventFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page's small background reader of the correlated event topics: subscribes to every
 * topic matching the event topic pattern (also those created later), read_committed, starting
 * {@code lastN} records before each partition's end, and hands decoded events to a listener in
 * batches (the node's status reporter, which keeps the latest in a ring). Runs on a daemon
 * thread of its own; commits nothing.
 */
final class EventTopicReader implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventTopicReader.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Consumer<List<LocalStatus.Event>> listener;
  private final int lastN;
  private final EventJsonCodec codec = new EventJsonCodec();
  private final Thread thread;

  private EventTopicReader(KafkaConsumer<String, byte[]> consumer, Consumer<List<LocalStatus.Event>> listener,
      int lastN) {
    this.consumer = consumer;
    this.listener = listener;
    this.lastN = lastN;
    this.thread = new Thread(this::run, "status-event-reader");
    this.thread.setDaemon(true);
  }

  /**
   * @param topicPattern the event topic pattern with {@code {rule}}, e.g. {@code telemetry.events.{rule}}
   * @param nodeId       names this reader's consumer group (one of its own per start)
   */
  static EventTopicReader start(String bootstrapServers, String topicPattern, String nodeId, int lastN,
      Duration topicDiscovery, Consumer<List<LocalStatus.Event>> listener) {
    Map<String, Object> props = new HashMap<>(EventFeed.consumerProperties(bootstrapServers,
        "telemetry-status-page-" + nodeId + "-" + UUID.randomUUID(), "latest"));
    // New rule topics are found when the consumer refreshes its metadata.
    props.put("metadata.max.age.ms", (int) topicDiscovery.toMillis());
    props.put("client.id", "telemetry-status-page-" + nodeId);
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer());
    EventTopicReader reader = new EventTopicReader(consumer, listener, lastN);
    consumer.subscribe(topicRegex(topicPattern), reader.new StartNearTheEnd());
    reader.thread.start();
    return reader;
  }

  /** {@code telemetry.events.{rule}} as a regular expression matching any rule's topic. */
  static Pattern topicRegex(String topicPattern) {
    int at = topicPattern.indexOf("{rule}");
    if (at < 0) {
      throw new IllegalArgumentException("telemetry.correlation.event-topic-pattern must contain {rule}, was '"
          + topicPattern + "'");
    }
    return Pattern.compile(Pattern.quote(topicPattern.substring(0, at)) + ".+"
        + Pattern.quote(topicPattern.substring(at + "{rule}".length())));
  }

  /** Each partition, when assigned, is read from {@code lastN} records before its (committed) end. */
  private final class StartNearTheEnd implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      consumer.endOffsets(partitions).forEach((tp, end) ->
          consumer.seek(tp, Math.max(begin.getOrDefault(tp, 0L), end - lastN)));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        List<LocalStatus.Event> batch = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          try {
            batch.add(row(record.topic(), codec.decode(record.value())));
          } catch (IllegalArgumentException e) {
            log.warn("status page event reader: {}", EventFeed.notAnEvent(record, e));
          }
        }
        if (!batch.isEmpty()) {
          listener.accept(batch);
        }
      }
    } catch (WakeupException closing) {
      // close() was called
    } catch (RuntimeException e) {
      log.error("status page event reader stopped: the page shows no new events: {}", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  static LocalStatus.Event row(String topic, CorrelatedEvent e) {
    return new LocalStatus.Event(topic, e.eventId(), e.rule(), e.ruleType(), e.state().json(), e.severity(),
        e.device(), e.subject(), text(e.opened()), text(e.closed()), e.summary());
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
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
