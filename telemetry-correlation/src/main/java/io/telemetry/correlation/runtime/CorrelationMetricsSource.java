package io.telemetry.correlation.runtime;

import io.telemetry.selfmetrics.MetricFamily;
import io.telemetry.selfmetrics.MetricsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The rule instances running in this process, as self-metrics: their counts
 * ({@link CorrelationMetrics}) and the consumer lag of each, the sum over its assigned partitions
 * of the Kafka consumer's {@code records-lag} (records between the consumer's position and the
 * end of the partition).
 *
 * <pre>{@code
 * SelfMetrics.get(system).register(new CorrelationMetricsSource(services.services()));
 * }</pre>
 */
public final class CorrelationMetricsSource implements MetricsSource {

  private final List<CorrelationService> services;

  public CorrelationMetricsSource(List<CorrelationService> services) {
    this.services = List.copyOf(services);
  }

  @Override
  public CompletionStage<List<MetricFamily>> collect() {
    List<CorrelationMetrics.Snapshot> snapshots = services.stream().map(CorrelationService::metrics).toList();
    List<CompletableFuture<OptionalDouble>> lags = services.stream()
        .map(service -> service.consumerMetrics().thenApply(CorrelationMetricsSource::lag).toCompletableFuture()
            .exceptionally(e -> OptionalDouble.empty()))
        .toList();
    return CompletableFuture.allOf(lags.toArray(CompletableFuture[]::new)).thenApply(v -> {
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
          "Records of the rule's assigned input partitions not yet read (Kafka consumer records-lag, summed).");
      for (int i = 0; i < services.size(); i++) {
        OptionalDouble value = lags.get(i).join();
        if (value.isPresent()) {
          lag.add(Map.of("rule", snapshots.get(i).rule()), value.getAsDouble());
        }
      }
      out.add(lag.build());
      return out;
    });
  }

  private static MetricFamily counts(List<CorrelationMetrics.Snapshot> snapshots, String name, String help,
      ToLongFunction<CorrelationMetrics.Snapshot> value) {
    MetricFamily.Builder family = MetricFamily.counter(name, help);
    snapshots.forEach(s -> family.add(Map.of("rule", s.rule()), value.applyAsLong(s)));
    return family.build();
  }

  /** Sum of the per-partition {@code records-lag}; empty before the consumer has fetched. */
  static OptionalDouble lag(Map<MetricName, ? extends Metric> metrics) {
    double sum = 0;
    boolean any = false;
    for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
      MetricName name = entry.getKey();
      if (name.group().equals("consumer-fetch-manager-metrics") && name.name().equals("records-lag")
          && name.tags().containsKey("partition") && entry.getValue().metricValue() instanceof Number n
          && !Double.isNaN(n.doubleValue())) {
        sum += n.doubleValue();
        any = true;
      }
    }
    return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }
}
