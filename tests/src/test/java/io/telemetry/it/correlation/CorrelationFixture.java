package io.telemetry.it.correlation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.runtime.EventJsonCodec;
import io.telemetry.it.support.TopicReader;
import io.telemetry.sample.Sample;
import io.telemetry.sink.kafka.SampleJsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Config, scripted metric records and event reading shared by the correlation tests. */
final class CorrelationFixture {

  static final Instant T0 = Instant.parse("2026-01-05T08:00:00.000000007Z");
  static final SampleJsonCodec SAMPLES = new SampleJsonCodec();
  static final EventJsonCodec EVENTS = new EventJsonCodec();

  private CorrelationFixture() {}

  /** A root config with one gauge-above instance {@code rule} reading {@code topic}. */
  static Config config(String bootstrap, String instanceId, String rule, String topic, String extra) {
    return ConfigFactory.parseString(configText(bootstrap, instanceId, rule, topic, extra))
        .withFallback(ConfigFactory.load()).resolve();
  }

  /** The HOCON text of {@link #config} (for a child process's --config file). */
  static String configText(String bootstrap, String instanceId, String rule, String topic, String extra) {
    return """
        telemetry.correlation {
          bootstrap-servers = "%s"
          instance-id = "%s"
          lateness = 30s
          metrics-log-interval = 1s
          restart-delay = 500ms
          rule-types.gauge-above {
            class = "io.telemetry.it.correlation.GaugeAboveRuleType"
            defaults { gauge = "value", family = "test", quiet = 0s, severity = "minor" }
          }
          rules."%s" { type = gauge-above, threshold = 50, severity = major, topics = ["%s"] }
        }
        pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
        pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
        pekko.loglevel = INFO
        %s
        """.formatted(bootstrap, instanceId, rule, topic, extra);
  }

  static byte[] gauge(String device, Instant time, double value) {
    return SAMPLES.encode(new Sample(device, "test", time, Map.of(), Map.of(), Map.of("value", value), Map.of(), 64, ""),
        "node-it");
  }

  static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrap);
    props.put("acks", "all");
    props.put("enable.idempotence", true);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  static void send(KafkaProducer<String, byte[]> producer, String topic, String device, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, device, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("cannot produce to " + topic + ": " + e, e);
    }
  }

  static void send(KafkaProducer<String, byte[]> producer, String topic, int partition, String device, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, partition, device, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("cannot produce to " + topic + ": " + e, e);
    }
  }

  /** The committed events of {@code topic}, decoded, once {@code count} are there. */
  static List<CorrelatedEvent> events(String bootstrap, String topic, int count, Duration within) {
    List<ConsumerRecord<String, byte[]>> records =
        TopicReader.readUntil(bootstrap, List.of(topic), r -> r.size() >= count, within);
    return decode(records);
  }

  /** Every committed record of {@code topic} up to its current end (read_committed, no group). */
  static List<ConsumerRecord<String, byte[]>> readToEnd(String bootstrap, String topic) {
    Map<String, Object> props = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
        "enable.auto.commit", false);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plusSeconds(30);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("could not read " + topic + " to its end " + ends + " within 30 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  static List<CorrelatedEvent> decode(List<ConsumerRecord<String, byte[]>> records) {
    List<CorrelatedEvent> events = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      events.add(EVENTS.decode(record.value()));
    }
    return events;
  }

  /** (event_id, state) of each event: what must be unique and complete. */
  static List<String> ids(List<CorrelatedEvent> events) {
    return events.stream().map(e -> e.eventId() + "/" + e.state().json()).sorted().toList();
  }

  /**
   * The JSON value of each event with the rule name replaced by {@code rule} (which also changes
   * the event id), sorted: runs of two instances with different names compare equal when every
   * other byte of every event is equal.
   */
  static List<String> contents(List<CorrelatedEvent> events, String rule) {
    return events.stream()
        .map(e -> new CorrelatedEvent(rule, e.ruleType(), e.key(), e.state(), e.severity(), e.device(), e.subject(),
            e.opened(), e.closed(), e.summary(), e.evidence(), e.details()))
        .map(e -> new String(EVENTS.encode(e), StandardCharsets.UTF_8))
        .sorted()
        .toList();
  }
}
