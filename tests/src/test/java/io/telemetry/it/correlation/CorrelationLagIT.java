package io.telemetry.it.correlation;

import static io.telemetry.it.correlation.CorrelationFixture.T0;
import static io.telemetry.it.correlation.CorrelationFixture.gauge;
import static io.telemetry.it.correlation.CorrelationFixture.send;
import static io.telemetry.it.support.MetricsScrape.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import io.telemetry.correlation.runtime.CorrelationMetricsSource;
import io.telemetry.correlation.runtime.CorrelationService;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.MetricsScrape;
import io.telemetry.selfmetrics.SelfMetrics;
import io.telemetry.testsupport.PrometheusTextParser.Family;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Consumer lag per correlation rule on {@code GET /metrics} (telemetry_correlation_consumer_lag_records),
 * with two rules on a real broker, served by the management route a node uses: 0 while there is
 * nothing to read; exactly the records produced while one rule is stopped (its consumer group's
 * committed offsets stay where it stopped) while the other rule reads them and stays at 0; back to
 * 0 once the stopped rule runs again and has read exactly those records.
 */
class CorrelationLagIT {

  private static final String RULE_A = "lag-a";
  private static final String RULE_B = "lag-b";
  private static final String TOPIC_A = "it.corr.lag.a.metrics";
  private static final String TOPIC_B = "it.corr.lag.b.metrics";
  private static final int FIRST = 6;
  private static final int WHILE_STOPPED = 10;
  private static final Duration WITHIN = Duration.ofSeconds(60);

  private EmbeddedKafka kafka;
  private ActorSystem<Void> system;
  private final AtomicReference<CorrelationMetricsSource> source = new AtomicReference<>();
  private CorrelationService a;
  private CorrelationService b;
  private URI metricsUri;

  @AfterEach
  void stop() throws Exception {
    for (CorrelationService service : new CorrelationService[] {a, b}) {
      if (service != null) {
        service.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    }
    if (source.get() != null) {
      source.get().close();
    }
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void lagPerRuleGrowsByWhatAStoppedRuleHasNotReadAndReturnsToZeroWhenItHasCaughtUp() throws Exception {
    kafka = EmbeddedKafka.builder().partitions(2).build().start();
    kafka.createTopics(2, TOPIC_A, TOPIC_B);
    Config config = config(kafka.bootstrapServers(), freePort());
    system = ActorSystem.create(Behaviors.empty(), "correlation-lag-it", config);
    a = CorrelationService.start(system, config, RULE_A);
    b = CorrelationService.start(system, config, RULE_B);
    source.set(new CorrelationMetricsSource(system, List.of(a, b)));
    // Through a reference, so that rule A's second run (a new service) is reported the way a
    // restarted correlator would report it: by a new source over its services.
    SelfMetrics.get(system).register(() -> source.get().collect());
    String management = PekkoManagement.get(system).start().toCompletableFuture().get(30, TimeUnit.SECONDS).toString();
    metricsUri = URI.create(management.replaceAll("/$", "") + "/metrics");

    // Nothing produced yet: both rules are reported, with nothing to read.
    Await.until("lag 0 reported for both rules", WITHIN,
        () -> lag(RULE_A).equals(Optional.of(0.0)) && lag(RULE_B).equals(Optional.of(0.0)), this::figures);
    Family family = scrape().get("telemetry_correlation_consumer_lag_records");
    assertEquals("gauge", family.type());
    assertFalse(family.help().isBlank());

    try (KafkaProducer<String, byte[]> producer = CorrelationFixture.producer(kafka.bootstrapServers())) {
      produce(producer, 0, FIRST);
      Await.until("both rules read and committed the first " + FIRST + " records", WITHIN,
          () -> consumed(RULE_A) == FIRST && consumed(RULE_B) == FIRST
              && lag(RULE_A).equals(Optional.of(0.0)) && lag(RULE_B).equals(Optional.of(0.0)), this::figures);

      // Rule A stopped (drained, last transaction committed): what comes now waits for it.
      a.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
      produce(producer, FIRST, WHILE_STOPPED);
      Await.until("rule A lags by the " + WHILE_STOPPED + " records produced while it is stopped; rule B read them",
          WITHIN, () -> lag(RULE_A).equals(Optional.of((double) WHILE_STOPPED))
              && consumed(RULE_B) == FIRST + WHILE_STOPPED && lag(RULE_B).equals(Optional.of(0.0)), this::figures);
    }

    // Rule A runs again: it continues from its committed offsets and catches up.
    CorrelationService stopped = a;
    a = CorrelationService.start(system, config, RULE_A);
    source.getAndSet(new CorrelationMetricsSource(system, List.of(a, b))).close();
    Await.until("rule A read the " + WHILE_STOPPED + " records and its lag is back to 0", WITHIN,
        () -> consumed(RULE_A) == WHILE_STOPPED && lag(RULE_A).equals(Optional.of(0.0)), this::figures);
    assertEquals(FIRST, stopped.metrics().consumed(), "the first run read only the first records");
    assertEquals(Optional.of(0.0), lag(RULE_B));
  }

  /** {@code count} records for each rule, from device index {@code from}, spread over both partitions by key. */
  private static void produce(KafkaProducer<String, byte[]> producer, int from, int count) {
    for (int i = from; i < from + count; i++) {
      String device = "d" + i;
      send(producer, TOPIC_A, device, gauge(device, T0.plusSeconds(i), 10));
      send(producer, TOPIC_B, device, gauge(device, T0.plusSeconds(i), 10));
    }
  }

  private Optional<Double> lag(String rule) {
    return value(scrape(), "telemetry_correlation_consumer_lag_records", Map.of("rule", rule));
  }

  private double consumed(String rule) {
    return value(scrape(), "telemetry_correlation_consumed_total", Map.of("rule", rule)).orElse(-1.0);
  }

  private String figures() {
    Map<String, Family> families = scrape();
    return "lag " + families.get("telemetry_correlation_consumer_lag_records") + ", consumed "
        + families.get("telemetry_correlation_consumed_total");
  }

  private Map<String, Family> scrape() {
    return MetricsScrape.scrape(metricsUri);
  }

  /** Two gauge-above rules, one per topic, and a management HTTP server with only the metrics route. */
  private static Config config(String bootstrap, int managementPort) {
    String extra = """
        telemetry.correlation.rules."%s" { type = gauge-above, threshold = 50, severity = major, topics = ["%s"] }
        pekko.management.http {
          hostname = "127.0.0.1"
          port = %d
          routes { health-checks = "", cluster-management = "", cluster-bootstrap = "", telemetry-cluster = "",
                   telemetry-status = "", telemetry-targets = "" }
        }
        """.formatted(RULE_B, TOPIC_B, managementPort);
    return CorrelationFixture.config(bootstrap, "lag-it", RULE_A, TOPIC_A, extra);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
