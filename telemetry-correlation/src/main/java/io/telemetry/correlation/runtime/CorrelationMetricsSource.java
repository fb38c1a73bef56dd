package io.telemetry.correlation.runtime;

import io.telemetry.selfmetrics.MetricFamily;
import io.telemetry.selfmetrics.MetricsSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule instances running in this process, as self-metrics: their counts
 * ({@link CorrelationMetrics}) and the consumer lag of each rule: records of its input topics that
 * its consumer group has not committed yet ({@link ConsumerGroupLag}).
 *
 * <p>Why committed offsets and not the Kafka consumer's own {@code records-lag}: that metric exists
 * only for partitions the consumer has been assigned and has fetched from, so it is missing exactly
 * when lag matters (the rule's stream restarting after a broker outage or a fenced producer, a
 * rule stopped) and it reads 0 for records fetched but not yet evaluated and committed. The
 * committed offsets are what a restarted rule continues from. The group is shared by the rule's
 * instances on every node, so each node reports the whole rule's lag (aggregate with max, not sum).
 *
 * <p>The lag is asked of the broker on the blocking-I/O dispatcher, at most once per
 * {@link #LAG_MAX_AGE} however often the metrics are read; a read waits at most {@link #LAG_WAIT}
 * for it and otherwise leaves the lag out (the answer is kept for the next read).
 *
 * <pre>{@code
 * CorrelationMetricsSource source = new CorrelationMetricsSource(system, services.services());
 * SelfMetrics.get(system).register(source);
 * ...
 * source.close(); // its Admin client
 * }</pre>
 */
public final class CorrelationMetricsSource implements MetricsSource, AutoCloseable {

  /** How long one answer of the broker serves reads of the metrics. */
  static final Duration LAG_MAX_AGE = Duration.ofSeconds(2);
  /** How long a read of the metrics waits for the broker's answer. */
  static final Duration LAG_WAIT = Duration.ofSeconds(3);

  private static final Logger LOG = LoggerFactory.getLogger(CorrelationMetricsSource.class);

  private final List<CorrelationService> services;
  private final List<ConsumerGroupLag.Group> groups;
  private final ConsumerGroupLag groupLag;
  private final Executor blocking;
  private final String bootstrap;
  private final RateLimitedWarning lagWarning = new RateLimitedWarning(LOG, Duration.ofMinutes(1), 1);
  private CompletableFuture<Map<String, Long>> lag; // guarded by this
  private long lagAnsweredNanos; // guarded by this

  public CorrelationMetricsSource(ActorSystem<?> system, List<CorrelationService> services) {
    if (services.isEmpty()) {
      throw new IllegalArgumentException("no rule instances");
    }
    this.services = List.copyOf(services);
    this.groups = this.services.stream()
        .map(s -> new ConsumerGroupLag.Group(s.rule(), s.groupId(), s.inputs())).toList();
    // Every rule of a process has the same telemetry.correlation Kafka settings.
    Map<String, Object> admin = this.services.get(0).adminProperties();
    this.groupLag = new ConsumerGroupLag(admin);
    this.bootstrap = String.valueOf(admin.get("bootstrap.servers"));
    this.blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("telemetry-blocking-io-dispatcher"));
  }

  @Override
  public CompletionStage<List<MetricFamily>> collect() {
    List<CorrelationMetrics.Snapshot> snapshots = services.stream().map(CorrelationService::metrics).toList();
    // A copy: the timeout must not complete the shared answer that later reads reuse.
    return lag().copy().completeOnTimeout(Map.of(), LAG_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(lagByRule -> families(snapshots, lagByRule));
  }

  /** Closes the Admin client. */
  @Override
  public void close() {
    groupLag.close();
  }

  private static List<MetricFamily> families(List<CorrelationMetrics.Snapshot> snapshots, Map<String, Long> lagByRule) {
    List<MetricFamily> out = new ArrayList<>();
    out.add(counts(snapshots, "telemetry_correlation_consumed_total", "Records the rule read from its input topics.",
        CorrelationMetrics.Snapshot::consumed));
    out.add(counts(snapshots, "telemetry_correlation_evaluated_total", "Records given to the rule.",
        CorrelationMetrics.Snapshot::evaluated));
    out.add(counts(snapshots, "telemetry_correlation_skipped_total",
        "Well-formed records the rule had no key for, or of devices it does not select.",
        CorrelationMetrics.Snapshot::skipped));
    out.add(counts(snapshots, "telemetry_correlation_malformed_total", "Input records that are not valid metric records.",
        CorrelationMetrics.Snapshot::malformedTotal));
    out.add(counts(snapshots, "telemetry_correlation_late_total", "Input records beyond the lateness bound.",
        CorrelationMetrics.Snapshot::lateTotal));
    out.add(counts(snapshots, "telemetry_correlation_raised_total", "Raised events published.",
        CorrelationMetrics.Snapshot::raised));
    out.add(counts(snapshots, "telemetry_correlation_cleared_total", "Cleared events published.",
        CorrelationMetrics.Snapshot::cleared));
    MetricFamily.Builder lag = MetricFamily.gauge("telemetry_correlation_consumer_lag_records",
        "Records of the rule's input topics its consumer group has not committed yet (end offset minus committed"
            + " offset, summed over the partitions; the group is shared by the rule's instances on every node).");
    for (CorrelationMetrics.Snapshot snapshot : snapshots) {
      Long value = lagByRule.get(snapshot.rule());
      if (value != null) {
        lag.add(Map.of("rule", snapshot.rule()), value);
      }
    }
    out.add(lag.build());
    return out;
  }

  /** The broker's latest answer when it is recent or still coming, else a new question. */
  private synchronized CompletableFuture<Map<String, Long>> lag() {
    if (lag != null && (!lag.isDone() || System.nanoTime() - lagAnsweredNanos < LAG_MAX_AGE.toNanos())) {
      return lag;
    }
    CompletableFuture<Map<String, Long>> next = CompletableFuture.supplyAsync(this::askBroker, blocking)
        .exceptionally(e -> {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          lagWarning.warn("correlation: consumer lag of rule(s) " + groups.stream().map(ConsumerGroupLag.Group::rule).toList()
              + " (consumer groups " + groups.stream().map(ConsumerGroupLag.Group::groupId).toList() + ") not known at "
              + bootstrap + ", left out of the metrics: " + cause);
          return Map.of();
        });
    lag = next;
    next.thenRun(this::answered);
    return next;
  }

  private synchronized void answered() {
    lagAnsweredNanos = System.nanoTime();
  }

  private Map<String, Long> askBroker() {
    try {
      return groupLag.lags(groups);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause().toString() : e.toString(), e);
    }
  }

  private static MetricFamily counts(List<CorrelationMetrics.Snapshot> snapshots, String name, String help,
      ToLongFunction<CorrelationMetrics.Snapshot> value) {
    MetricFamily.Builder family = MetricFamily.counter(name, help);
    snapshots.forEach(s -> family.add(Map.of("rule", s.rule()), value.applyAsLong(s)));
    return family.build();
  }
}
