package io.telemetry.host.demo;

import io.telemetry.pipeline.PipelineEntry;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PipelineMetrics.DeviceCounts;
import io.telemetry.pipeline.SinkCounters;
import io.telemetry.sink.kafka.KafkaSampleSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Live progress from the node's counters: devices up (polled within the last two intervals),
 * polls, samples/s delivered, deferrals, errors and the pipeline entry's depth ({@link #next});
 * each sink's samples written, retried requests, rejected values, dropped samples and buffer
 * depth ({@link #sinks}). Called from one thread (the progress printer).
 */
public final class ProgressLine {

  private final PipelineMetrics metrics;
  private final PipelineEntry entry;
  private final int deviceCount;
  private final Duration upWindow;
  private final long startNanos = System.nanoTime();
  private final Map<String, Long> lastPolls = new HashMap<>();
  private final Map<String, Long> lastProgressNanos = new HashMap<>();
  private long lastDelivered;
  private long lastNanos = startNanos;

  public ProgressLine(PipelineMetrics metrics, PipelineEntry entry, int deviceCount, Duration interval) {
    this.metrics = metrics;
    this.entry = entry;
    this.deviceCount = deviceCount;
    this.upWindow = interval.multipliedBy(2).plusSeconds(2);
  }

  public String next() {
    long now = System.nanoTime();
    int up = 0;
    for (Map.Entry<String, DeviceCounts> e : metrics.byDevice().entrySet()) {
      long polls = e.getValue().polls();
      if (!lastPolls.containsKey(e.getKey()) || lastPolls.get(e.getKey()) != polls) {
        lastPolls.put(e.getKey(), polls);
        if (polls > 0) {
          lastProgressNanos.put(e.getKey(), now);
        }
      }
      Long seen = lastProgressNanos.get(e.getKey());
      if (seen != null && now - seen <= upWindow.toNanos()) {
        up++;
      }
    }
    DeviceCounts total = metrics.total();
    double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
    double perSecond = (total.deliveredSamples() - lastDelivered) / seconds;
    lastDelivered = total.deliveredSamples();
    lastNanos = now;
    long elapsed = (now - startNanos) / 1_000_000_000L;
    return String.format("[%02d:%02d] devices up %d/%d | polls %,d | delivered %,d samples (%,.0f/s) | "
            + "deferred %,d | errors %,d | failed %,d | queue %d/%d",
        elapsed / 60, elapsed % 60, up, deviceCount, total.polls(), total.deliveredSamples(), perSecond,
        total.deferrals(), total.errors(), total.failedSamples(), entry.depth(), entry.capacity());
  }

  /**
   * Each sink's counters, Kafka first, e.g.
   * {@code kafka 1,234 written | influx 1,200 written 0 retried 0 rejected 0 dropped buf 0}.
   */
  public String sinks() {
    Map<String, SinkCounters.Snapshot> sinks = metrics.sinks();
    StringBuilder line = new StringBuilder();
    String separator = "";
    // Kafka first: it is the sink that counts a sample as delivered.
    SinkCounters.Snapshot kafka = sinks.get(KafkaSampleSink.NAME);
    if (kafka != null) {
      line.append(sink(kafka));
      separator = " | ";
    }
    for (SinkCounters.Snapshot sink : sinks.values()) {
      if (sink != kafka) {
        line.append(separator).append(sink(sink));
        separator = " | ";
      }
    }
    return line.toString();
  }

  // The Kafka producer retries by itself and has no rejected values: only what it can tell is shown.
  private static String sink(SinkCounters.Snapshot s) {
    StringBuilder part = new StringBuilder(String.format("%s %,d written", s.sink(), s.writtenSamples()));
    boolean kafka = s.sink().equals(KafkaSampleSink.NAME);
    if (!kafka) {
      part.append(String.format(" %,d retried %,d rejected", s.retries(), s.rejectedPoints()));
    }
    if (!kafka || s.droppedSamples() > 0) {
      part.append(String.format(" %,d dropped", s.droppedSamples()));
    }
    if (s.failedSamples() > 0) {
      part.append(String.format(" %,d failed", s.failedSamples()));
    }
    if (!kafka || s.bufferDepth() > 0) {
      part.append(String.format(" buf %d", s.bufferDepth()));
    }
    return part.toString();
  }
}
