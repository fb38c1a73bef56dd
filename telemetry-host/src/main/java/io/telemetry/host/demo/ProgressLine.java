package io.telemetry.host.demo;

import io.telemetry.pipeline.PipelineEntry;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PipelineMetrics.DeviceCounts;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One line of live progress from the node's counters: devices up (polled within the last two
 * intervals), polls, samples/s delivered, deferrals, errors and the pipeline entry's depth.
 * Called from one thread (the progress printer).
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
}
