package io.telemetry.pipeline;

import java.util.concurrent.atomic.LongAdder;

/**
 * Durations counted into fixed buckets (upper bounds in seconds), with their count and sum: what a
 * Prometheus histogram exposes, kept exactly (an HdrHistogram would give the buckets only to its
 * precision and no exact sum). Write-only from device actors, read by reporters.
 */
public final class DurationBuckets {

  /** Upper bounds in seconds: from a fast NETCONF reply to a poll that took a minute. */
  public static final double[] BOUNDS_SECONDS =
      {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  private final LongAdder[] buckets = new LongAdder[BOUNDS_SECONDS.length + 1]; // last: above every bound
  private final LongAdder count = new LongAdder();
  private final LongAdder sumNanos = new LongAdder();

  public DurationBuckets() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /**
   * A reading: {@code cumulative[i]} durations were at most {@code BOUNDS_SECONDS[i]}; the last
   * entry (+Inf) equals {@code count}.
   */
  public record Snapshot(long[] cumulative, long count, double sumSeconds) {}

  public void record(long nanos) {
    double seconds = nanos / 1e9;
    int i = 0;
    while (i < BOUNDS_SECONDS.length && seconds > BOUNDS_SECONDS[i]) {
      i++;
    }
    buckets[i].increment();
    sumNanos.add(nanos);
    count.increment();
  }

  public Snapshot snapshot() {
    long[] cumulative = new long[buckets.length];
    long running = 0;
    for (int i = 0; i < buckets.length; i++) {
      running += buckets[i].sum();
      cumulative[i] = running;
    }
    // The +Inf bucket is the count by definition; read concurrently, they may differ by a poll.
    return new Snapshot(cumulative, running, sumNanos.sum() / 1e9);
  }
}
