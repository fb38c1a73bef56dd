package io.telemetry.selfmetrics;

import io.telemetry.pipeline.DurationBuckets;
import io.telemetry.pipeline.PipelineEntry;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PipelineMetrics.DeviceCounts;
import io.telemetry.pipeline.SinkCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The node's pipeline figures from {@link PipelineMetrics} (which stays the one place they are
 * counted): per device, per sink, poll durations per collector, and the pipeline entry.
 */
public final class PipelineMetricsSource implements MetricsSource {

  private final PipelineMetrics metrics;
  private final PipelineEntry entry;

  public PipelineMetricsSource(PipelineMetrics metrics, PipelineEntry entry) {
    this.metrics = metrics;
    this.entry = entry;
  }

  @Override
  public CompletionStage<List<MetricFamily>> collect() {
    List<MetricFamily> out = new ArrayList<>();
    Map<String, DeviceCounts> devices = metrics.byDevice();
    out.add(perDevice(devices, "telemetry_device_polls_total",
        "Polls of the device whose samples were handed to the pipeline.", DeviceCounts::polls));
    out.add(perDevice(devices, "telemetry_device_polled_samples_total",
        "Samples of the device handed to the pipeline.", DeviceCounts::polledSamples));
    out.add(perDevice(devices, "telemetry_device_delivered_samples_total",
        "Samples of the device acknowledged by the primary sink (Kafka).", DeviceCounts::deliveredSamples));
    out.add(perDevice(devices, "telemetry_device_failed_samples_total",
        "Samples of the device the primary sink could not deliver.", DeviceCounts::failedSamples));
    out.add(perDevice(devices, "telemetry_device_deferrals_total",
        "Polls of the device put off because the pipeline entry was full.", DeviceCounts::deferrals));
    out.add(perDevice(devices, "telemetry_device_overruns_total",
        "Scheduled polls of the device skipped because the previous poll was still running.", DeviceCounts::overruns));
    out.add(perDevice(devices, "telemetry_device_slow_polls_total",
        "Polls of the device that took longer than their interval.", DeviceCounts::slowPolls));
    out.add(perDevice(devices, "telemetry_device_errors_total",
        "Failed opens and polls of the device.", DeviceCounts::errors));

    Map<String, SinkCounters.Snapshot> sinks = metrics.sinks();
    out.add(perSink(sinks, MetricFamily.gauge("telemetry_sink_buffer_depth",
        "Batches waiting in the sink's buffer."), SinkCounters.Snapshot::bufferDepth));
    out.add(perSink(sinks, MetricFamily.counter("telemetry_sink_retries_total",
        "Write requests the sink retried."), SinkCounters.Snapshot::retries));
    out.add(perSink(sinks, MetricFamily.counter("telemetry_sink_written_samples_total",
        "Samples the sink wrote (acknowledged by its destination)."), SinkCounters.Snapshot::writtenSamples));
    out.add(perSink(sinks, MetricFamily.counter("telemetry_sink_failed_samples_total",
        "Samples the sink could not write."), SinkCounters.Snapshot::failedSamples));
    out.add(perSink(sinks, MetricFamily.counter("telemetry_sink_dropped_samples_total",
        "Samples dropped by the sink's full buffer."), SinkCounters.Snapshot::droppedSamples));
    out.add(perSink(sinks, MetricFamily.counter("telemetry_sink_rejected_points_total",
        "Points the sink's destination rejected as bad data."), SinkCounters.Snapshot::rejectedPoints));

    out.add(pollDurations(metrics.pollDurationsByCollector()));
    if (entry != null) {
      out.add(MetricFamily.gauge("telemetry_pipeline_entry_depth", "Poll batches waiting in the pipeline entry.")
          .add(Map.of(), entry.depth()).build());
      out.add(MetricFamily.gauge("telemetry_pipeline_entry_capacity", "Capacity of the pipeline entry, in poll batches.")
          .add(Map.of(), entry.capacity()).build());
    }
    return CompletableFuture.completedFuture(out);
  }

  private static MetricFamily perDevice(Map<String, DeviceCounts> devices, String name, String help,
      ToLongFunction<DeviceCounts> value) {
    MetricFamily.Builder family = MetricFamily.counter(name, help);
    devices.forEach((device, counts) -> family.add(Map.of("device", device), value.applyAsLong(counts)));
    return family.build();
  }

  private static MetricFamily perSink(Map<String, SinkCounters.Snapshot> sinks, MetricFamily.Builder family,
      ToDoubleFunction<SinkCounters.Snapshot> value) {
    sinks.forEach((sink, snapshot) -> family.add(Map.of("sink", sink), value.applyAsDouble(snapshot)));
    return family.build();
  }

  private static MetricFamily pollDurations(Map<String, DurationBuckets.Snapshot> byCollector) {
    MetricFamily.Builder family = MetricFamily.histogram("telemetry_poll_duration_seconds",
        "Duration of polls (successful or failed) per collector type.");
    byCollector.forEach((collector, snapshot) -> {
      double[] bounds = DurationBuckets.BOUNDS_SECONDS;
      for (int i = 0; i <= bounds.length; i++) {
        double upper = i < bounds.length ? bounds[i] : Double.POSITIVE_INFINITY;
        family.add("_bucket", Map.of("collector", collector, "le", PrometheusText.bound(upper)),
            snapshot.cumulative()[i]);
      }
      family.add("_sum", Map.of("collector", collector), snapshot.sumSeconds());
      family.add("_count", Map.of("collector", collector), snapshot.count());
    });
    return family.build();
  }
}
