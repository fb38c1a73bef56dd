package io.telemetry.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The node's sample counters, per device and in total: polled (handed to the pipeline),
 * delivered (acknowledged by a sink), deferred (polls put off because the pipeline was full),
 * failed (samples a sink could not deliver), plus poll errors and overruns.
 *
 * <p>This is the one deliberate piece of state shared across threads: write-only monotonic
 * counters (as in any metrics library), read by reporters. Nothing decides behaviour from it.
 */
public final class PipelineMetrics {

  /** Counters of one device (or of the whole node). */
  public static final class Counters {
    final LongAdder polls = new LongAdder();
    final LongAdder polledSamples = new LongAdder();
    final LongAdder polledPoints = new LongAdder();
    final LongAdder deliveredSamples = new LongAdder();
    final LongAdder deliveredPoints = new LongAdder();
    final LongAdder failedSamples = new LongAdder();
    final LongAdder deferrals = new LongAdder();
    final LongAdder overruns = new LongAdder();
    final LongAdder slowPolls = new LongAdder();
    final LongAdder errors = new LongAdder();

    public DeviceCounts snapshot() {
      return new DeviceCounts(polls.sum(), polledSamples.sum(), polledPoints.sum(),
          deliveredSamples.sum(), deliveredPoints.sum(), failedSamples.sum(), deferrals.sum(),
          overruns.sum(), slowPolls.sum(), errors.sum());
    }
  }

  /**
   * A consistent-enough reading of one set of counters. {@code overruns}: scheduled polls skipped
   * because the previous poll was still running; {@code slowPolls}: polls that took longer than
   * their interval.
   */
  public record DeviceCounts(long polls, long polledSamples, long polledPoints,
      long deliveredSamples, long deliveredPoints, long failedSamples, long deferrals,
      long overruns, long slowPolls, long errors) {}

  /** Poll durations of all devices, in microseconds, 1 us .. 1 h at 3 significant digits. */
  private final ConcurrentHistogram pollMicros = new ConcurrentHistogram(3_600_000_000L, 3);
  private final Counters total = new Counters();
  private final Map<String, SinkCounters> sinks = new ConcurrentHashMap<>();
  private final Map<String, Counters> byDevice = new ConcurrentHashMap<>();
  private final Map<String, DurationBuckets> pollSecondsByCollector = new ConcurrentHashMap<>();

  private Counters device(String id) {
    return byDevice.computeIfAbsent(id, k -> new Counters());
  }

  public void polled(PollBatch batch) {
    int samples = batch.samples().size();
    int points = batch.pointCount();
    for (Counters c : new Counters[] {total, device(batch.device())}) {
      c.polls.increment();
      c.polledSamples.add(samples);
      c.polledPoints.add(points);
    }
  }

  public void delivered(PollBatch batch) {
    int samples = batch.samples().size();
    int points = batch.pointCount();
    for (Counters c : new Counters[] {total, device(batch.device())}) {
      c.deliveredSamples.add(samples);
      c.deliveredPoints.add(points);
    }
  }

  public void failed(PollBatch batch) {
    total.failedSamples.add(batch.samples().size());
    device(batch.device()).failedSamples.add(batch.samples().size());
  }

  public void deferred(String deviceId) {
    total.deferrals.increment();
    device(deviceId).deferrals.increment();
  }

  public void overrun(String deviceId) {
    total.overruns.increment();
    device(deviceId).overruns.increment();
  }

  /** Records a finished poll's duration; slow when it took longer than the target's interval. */
  public void pollDuration(String deviceId, long nanos, boolean slow) {
    pollMicros.recordValue(Math.max(1, Math.min(nanos / 1_000, pollMicros.getHighestTrackableValue())));
    if (slow) {
      total.slowPolls.increment();
      device(deviceId).slowPolls.increment();
    }
  }

  /** As {@link #pollDuration(String, long, boolean)}, also counted per collector type (e.g. {@code junos}). */
  public void pollDuration(String deviceId, String collector, long nanos, boolean slow) {
    pollSecondsByCollector.computeIfAbsent(collector, k -> new DurationBuckets()).record(nanos);
    pollDuration(deviceId, nanos, slow);
  }

  /** Poll durations per collector type, in fixed buckets (see {@link DurationBuckets}). */
  public Map<String, DurationBuckets.Snapshot> pollDurationsByCollector() {
    Map<String, DurationBuckets.Snapshot> out = new java.util.TreeMap<>();
    pollSecondsByCollector.forEach((k, v) -> out.put(k, v.snapshot()));
    return out;
  }

  /** Poll duration at a percentile (0..100) in milliseconds, over every poll so far. */
  public double pollMillisAtPercentile(double percentile) {
    return pollMicros.getValueAtPercentile(percentile) / 1_000.0;
  }

  /**
   * A copy of the poll durations so far, in microseconds. Subtracting an earlier copy gives the
   * durations of a window (e.g. a benchmark's steady state).
   */
  public Histogram pollMicrosSnapshot() {
    return pollMicros.copy();
  }

  public long pollDurationCount() {
    return pollMicros.getTotalCount();
  }

  public void error(String deviceId) {
    total.errors.increment();
    device(deviceId).errors.increment();
  }

  /** The counters of one sink (created on first use). */
  public SinkCounters sink(String name) {
    return sinks.computeIfAbsent(name, SinkCounters::new);
  }

  public Map<String, SinkCounters.Snapshot> sinks() {
    Map<String, SinkCounters.Snapshot> out = new java.util.TreeMap<>();
    sinks.forEach((k, v) -> out.put(k, v.snapshot()));
    return out;
  }

  public DeviceCounts total() {
    return total.snapshot();
  }

  public DeviceCounts device(String id, boolean createIfAbsent) {
    Counters c = createIfAbsent ? device(id) : byDevice.get(id);
    return c == null ? new Counters().snapshot() : c.snapshot();
  }

  public Map<String, DeviceCounts> byDevice() {
    Map<String, DeviceCounts> out = new java.util.TreeMap<>();
    byDevice.forEach((k, v) -> out.put(k, v.snapshot()));
    return out;
  }
}
