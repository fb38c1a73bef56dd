package io.telemetry.host.node;

import com.typesafe.config.Config;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.host.metrics.SelfMetricsSettings;
import io.telemetry.inventory.Target;
import io.telemetry.selfmetrics.InternalSamples;
import io.telemetry.selfmetrics.KafkaTopicsMetricsSource;
import io.telemetry.selfmetrics.SelfMetrics;
import io.telemetry.sink.kafka.KafkaSinkSettings;
import io.telemetry.sink.kafka.KafkaTopicSettings;
import io.telemetry.sink.kafka.KafkaTopicSetup;
import io.telemetry.sink.kafka.TopicSetupReport;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collector node's Kafka sink topics ({@code telemetry.kafka.topics}, docs/configuration.md):
 * one per family its collector types and configured targets may write, plus
 * {@code telemetry_internal} when that measurement is on. {@link #start} creates or checks them
 * on the blocking-I/O dispatcher; the sink's first write waits for {@link #ready()}, so the
 * producer never meets a topic still being auto-created. Whatever the outcome, the node runs on:
 * problems are logged and shown on {@code GET /metrics} ({@code telemetry_kafka_topic}).
 */
final class NodeKafkaTopics {

  private static final Logger log = LoggerFactory.getLogger(NodeKafkaTopics.class);

  private final KafkaSinkSettings settings;
  private final SortedSet<String> families;
  private final SortedSet<String> topics;
  private final CompletableFuture<TopicSetupReport> setup = new CompletableFuture<>();

  private NodeKafkaTopics(KafkaSinkSettings settings, SortedSet<String> families) {
    this.settings = settings;
    this.families = families;
    this.topics = KafkaTopicSetup.topicsOf(settings, families);
  }

  /** Reads the settings and works out the topics; nothing is contacted yet. */
  static NodeKafkaTopics prepare(Config telemetry, CollectorRegistry registry, List<Target> targets) {
    SortedSet<String> families = registry.families(targets);
    if (SelfMetricsSettings.fromConfig(telemetry).internalMeasurement()) {
      families.add(InternalSamples.FAMILY);
    }
    return new NodeKafkaTopics(KafkaSinkSettings.fromConfig(telemetry.getConfig("kafka")), families);
  }

  /** The sink's topics, sorted. */
  SortedSet<String> topics() {
    return topics;
  }

  /** Completes (never exceptionally) once the set-up is done, however it went. */
  CompletionStage<TopicSetupReport> ready() {
    return setup;
  }

  /** Runs the set-up on {@code blockingIo} and shows its outcome on the node's self-metrics. */
  void start(ActorSystem<?> system, Executor blockingIo) {
    SelfMetrics.get(system).register(new KafkaTopicsMetricsSource(topics, setup));
    CompletableFuture.supplyAsync(() -> KafkaTopicSetup.run(settings, families), blockingIo)
        .whenComplete((report, failure) -> {
          if (failure == null) {
            setup.complete(report);
          } else {
            // KafkaTopicSetup reports Kafka's problems itself; this is a bug or a rejected task.
            log.error("{}: the topic set-up failed, topics {} are unchecked: {}", KafkaTopicSettings.PATH, topics,
                failure.toString());
            Map<String, TopicSetupReport.State> failed = new TreeMap<>();
            topics.forEach(topic -> failed.put(topic, TopicSetupReport.State.FAILED));
            setup.complete(new TopicSetupReport(failed, List.of()));
          }
        });
  }
}
