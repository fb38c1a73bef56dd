package io.telemetry.selfmetrics;

import io.telemetry.sink.kafka.TopicSetupReport;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Kafka sink's topics as the node's start-up set-up left them ({@code telemetry.kafka.topics}):
 * one series per topic, labelled with its state, so that a topic that could not be created shows
 * on {@code GET /metrics} (alert on {@code telemetry_kafka_topic{state=~"failed|missing"}}).
 * Until the set-up is done every topic is {@code pending}; a scrape never waits for it.
 */
public final class KafkaTopicsMetricsSource implements MetricsSource {

  static final String NAME = "telemetry_kafka_topic";
  static final String PENDING = "pending";

  private final SortedSet<String> topics;
  private final CompletableFuture<TopicSetupReport> setup;

  /**
   * @param topics the sink's topics being set up
   * @param setup  completes with the set-up's report
   */
  public KafkaTopicsMetricsSource(SortedSet<String> topics, CompletionStage<TopicSetupReport> setup) {
    this.topics = topics;
    this.setup = setup.toCompletableFuture();
  }

  @Override
  public CompletionStage<List<MetricFamily>> collect() {
    MetricFamily.Builder family = MetricFamily.gauge(NAME, "The Kafka sink's topics by the state the node's"
        + " start-up set-up left them in (telemetry.kafka.topics): created, existed, missing (create = off),"
        + " failed (not created or not checked; the node's log says why), pending (set-up still running).");
    String failed = TopicSetupReport.State.FAILED.label();
    for (String topic : topics) {
      String state = !setup.isDone() ? PENDING
          : setup.isCompletedExceptionally() ? failed
          : setup.join().states().containsKey(topic) ? setup.join().states().get(topic).label()
          : failed;
      family.add(Map.of("topic", topic, "state", state), 1);
    }
    return CompletableFuture.completedFuture(List.of(family.build()));
  }
}
