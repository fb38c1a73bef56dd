package io.telemetry.host.bench;

import io.telemetry.pipeline.PipelineMetrics.DeviceCounts;
import io.telemetry.pipeline.SinkCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * The figures of one benchmark run, as printed and written to JSON. Rates, percentiles and
 * "steady" counts are over the steady state (from the end of the warm-up to the end of the run);
 * "run" counts are from the node's start to the end.
 */
public record BenchFigures(
    int schema,
    Run run,
    Throughput throughput,
    PollDurations pollDurationMillis,
    Polls polls,
    Heap heap,
    Cpu cpuSeconds,
    List<Sink> sinks,
    List<CorrelationRule> correlation,
    List<Check> checks) {

  /** Version of this JSON shape; bump when a field changes meaning or goes away. */
  public static final int SCHEMA = 1;

  /**
   * What ran.
   *
   * @param secondsUntilEveryDevicePolled from the node's start until every device had polled once;
   *                                      null when some never did
   */
  public record Run(String startedAt, String command, int devices, int interfaces, double intervalSeconds,
      double warmupSeconds, double steadySeconds, Double secondsUntilEveryDevicePolled, int processors,
      String nodeJvmOptions, String simulatorJvmOptions) {}

  /** Delivered to Kafka (acknowledged) per second, and the counts behind the rates. */
  public record Throughput(double pointsPerSecond, double samplesPerSecond, double pollsPerSecond,
      long deliveredPoints, long deliveredSamples, long polls) {}

  /** Poll durations in milliseconds; null when no poll finished in the window. */
  public record PollDurations(long count, Double p50, Double p99, Double max) {}

  /** A count in the steady state and over the whole run. */
  public record Count(long steady, long run) {}

  /**
   * @param slowPolls      polls that took longer than their interval
   * @param overruns       scheduled polls skipped because the previous one was still running
   * @param deferrals      polls put off because the pipeline entry was full
   * @param errors         failed polls and connects
   * @param failedSamples  samples Kafka did not acknowledge
   */
  public record Polls(Count slowPolls, Count overruns, Count deferrals, Count errors, Count failedSamples,
      int devicesPolledInSteadyState) {}

  /**
   * The collector node's heap, in bytes.
   *
   * @param peakUsedBytes               most heap in use at any time (right before a GC, or sampled)
   * @param maxUsedAfterGcBytes         most heap still in use right after a GC (the full GC at the
   *                                    end included): the live set plus the dead objects that
   *                                    collection left (e.g. old garbage after a young GC); what
   *                                    the collector needs, at most
   * @param steadyMaxUsedAfterGcBytes   the same over the steady state; null when no GC ran in it
   * @param liveAfterFullGcBytes        heap in use right after a full GC at the end of the run: the
   *                                    live set then; null when explicit GCs are disabled
   * @param baselineBytes               live heap after a full GC before the node started
   * @param usedAfterGcPerDeviceBytes   maxUsedAfterGcBytes / devices (fixed costs included)
   * @param marginalLivePerDeviceBytes  (liveAfterFullGc - baseline) / devices
   * @param targetJudgedOn              which figure the heap target is checked against
   */
  public record Heap(long maxHeapBytes, long peakUsedBytes, long steadyPeakUsedBytes, long maxUsedAfterGcBytes,
      Long steadyMaxUsedAfterGcBytes, Long liveAfterFullGcBytes, Long baselineBytes, long usedAfterGcPerDeviceBytes,
      Long marginalLivePerDeviceBytes, long steadyGcCount, long steadyGcPauseMillis, String targetJudgedOn) {

    public static final String JUDGED_ON = "maxUsedAfterGcBytes";

    /**
     * @param liveAtEnd the full GC at the end is a GC of the run too: it counts towards the run's
     *                  maximum used after GC (the only one when no other GC ran)
     */
    static Heap of(long maxHeap, HeapWatch.Reading run, HeapWatch.Reading steady, OptionalLong baseline,
        OptionalLong liveAtEnd, int devices) {
      long maxAfterGc = Math.max(run.maxUsedAfterGc(), liveAtEnd.orElse(0));
      Long marginal = baseline.isPresent() && liveAtEnd.isPresent()
          ? Math.max(0, liveAtEnd.getAsLong() - baseline.getAsLong()) / devices : null;
      return new Heap(maxHeap, run.peakUsed(), steady.peakUsed(), maxAfterGc,
          steady.gcCount() == 0 ? null : steady.maxUsedAfterGc(),
          boxed(liveAtEnd), boxed(baseline), maxAfterGc / devices, marginal,
          steady.gcCount(), steady.gcPauseMillis(), JUDGED_ON);
    }
  }

  /** CPU seconds of one process (or of all, or of the machine) in the steady state and the run. */
  public record Seconds(Double steady, Double run) {}

  /**
   * @param influxdb the embedded influxd (with {@code --influx}; else null figures)
   * @param total    node + simulator + broker (influxdb not included, so runs with and without it compare)
   * @param machine  every process on the machine, the ones above included
   */
  public record Cpu(Seconds node, Seconds simulator, Seconds broker, Seconds influxdb, Seconds total,
      Seconds machine) {}

  /**
   * One sink's figures: rates over the steady state, counts over the steady state and the run.
   * A point is a value, as in {@link Throughput}; a sample is one InfluxDB point (one line).
   *
   * @param primary         whether this sink's acknowledgements count as delivered (Kafka)
   * @param rejectedPoints  values the destination refused as bad data (or the sink could not encode)
   * @param retries         write requests retried
   * @param bufferDepthMax  most poll batches seen in the sink's buffer (read every second)
   * @param bufferBatches   the buffer's capacity
   * @param influx          the InfluxDB sink's settings; null for other sinks
   */
  public record Sink(String name, boolean primary, double pointsPerSecond, double samplesPerSecond,
      Count writtenPoints, Count writtenSamples, Count failedSamples, Count droppedSamples, Count rejectedPoints,
      Count retries, Count bufferDepthMax, int bufferBatches, InfluxSettings influx) {}

  /** The InfluxDB sink's settings in the run. */
  public record InfluxSettings(String dialect, int batchPoints, int parallelism, long batchIntervalMillis,
      boolean gzip, String overflow) {}

  /** What the bench knows of a sink besides its counters. */
  record SinkSetup(String name, boolean primary, int bufferBatches, InfluxSettings influx) {}

  /**
   * One correlation rule instance run beside the node ({@code --correlation}); rates and counts
   * over the steady state.
   *
   * @param inputRecordsPerSecond  records written to its input topics (their end offsets)
   * @param consumedPerSecond      records it read ({@code CorrelationService.metrics()})
   * @param evaluatedPerSecond     records given to the rule (the rest: no key, e.g. logical units)
   * @param lagAtEnd               records of its inputs its group had not committed at the end
   * @param raised                 raised events seen by a read_committed consumer in the steady state
   * @param publishedLatencyMillis raised events: record timestamp (publication) minus the sample time
   *                               of the newest evidence record
   * @param seenLatencyMillis      raised events: when a read_committed consumer had it, minus the same
   */
  public record CorrelationRule(String rule, String type, List<String> inputs, double inputRecordsPerSecond,
      double consumedPerSecond, double evaluatedPerSecond, long inputRecords, long consumed, long evaluated,
      long skipped, long late, long malformed, long lagAtEnd, long raised, long cleared,
      Latency publishedLatencyMillis, Latency seenLatencyMillis) {

    /** The lag at the end in seconds of input. */
    public double secondsBehindAtEnd() {
      return inputRecordsPerSecond <= 0 ? 0 : lagAtEnd / inputRecordsPerSecond;
    }
  }

  /** Latencies in milliseconds; null percentiles when nothing was measured. */
  public record Latency(long count, Double p50, Double p99, Double max) {}

  static Latency latency(Histogram millis) {
    if (millis.getTotalCount() == 0) {
      return new Latency(0, null, null, null);
    }
    return new Latency(millis.getTotalCount(), (double) millis.getValueAtPercentile(50),
        (double) millis.getValueAtPercentile(99), (double) millis.getMaxValue());
  }

  /** The target the correlation column is checked against: p99 from sample to published event. */
  static final double CORRELATION_P99_TARGET_MILLIS = 1_000;
  /** A rule instance keeps up when its group is less than this far behind its inputs at the end. */
  static final double CORRELATION_MAX_SECONDS_BEHIND = 2;

  /**
   * These figures with the correlation column and its checks: every instance keeps up; the p99
   * latency of the instances that raise on the record itself ({@code immediate}) is under 1 s.
   * link-failure waits for the watermark (the lateness bound) by design, so its latency is
   * reported, not checked.
   */
  BenchFigures withCorrelation(List<CorrelationRule> rules, List<String> immediate) {
    List<Check> all = new ArrayList<>(checks);
    for (CorrelationRule r : rules) {
      all.add(new Check(r.rule() + " keeps up with the fleet",
          "its group less than " + (long) CORRELATION_MAX_SECONDS_BEHIND + " s of input behind at the end, nothing late",
          String.format(java.util.Locale.ROOT, "lag %,d records (%.2f s of input), consumed %.0f of %.0f records/s, %d late",
              r.lagAtEnd(), r.secondsBehindAtEnd(), r.consumedPerSecond(), r.inputRecordsPerSecond(), r.late()),
          r.secondsBehindAtEnd() < CORRELATION_MAX_SECONDS_BEHIND && r.late() == 0));
      if (immediate.contains(r.rule())) {
        Latency l = r.publishedLatencyMillis();
        all.add(new Check(r.rule() + " latency p99 under 1 s",
            "p99 from sample time to event published < " + (long) CORRELATION_P99_TARGET_MILLIS + " ms",
            l.count() == 0 ? "no raised event in the steady state"
                : String.format(java.util.Locale.ROOT, "p99 %.0f ms over %d events", l.p99(), l.count()),
            l.count() > 0 && l.p99() < CORRELATION_P99_TARGET_MILLIS));
      }
    }
    return new BenchFigures(schema, run, throughput, pollDurationMillis, polls, heap, cpuSeconds, sinks,
        List.copyOf(rules), List.copyOf(all));
  }

  /** One target and whether this run met it. */
  public record Check(String name, String target, String actual, boolean passed) {}

  /**
   * What the figures are computed from, besides the snapshots.
   *
   * @param sinks          the node's sinks, primary first
   * @param depthMaxSteady deepest buffer reading of each sink in the steady state
   * @param depthMaxRun    the same over the run
   */
  record Inputs(BenchSettings settings, String startedAt, String command, String nodeJvmOptions,
      int processors, Double secondsUntilEveryDevicePolled, Heap heap, List<SinkSetup> sinks,
      Map<String, Integer> depthMaxSteady, Map<String, Integer> depthMaxRun) {}

  /**
   * @param start at the node's start
   * @param warm  at the end of the warm-up
   * @param end   at the end of the run
   */
  static BenchFigures compute(Inputs in, BenchSnapshot start, BenchSnapshot warm, BenchSnapshot end) {
    BenchSettings s = in.settings();
    double steadySeconds = (end.nanos() - warm.nanos()) / 1e9;
    DeviceCounts w = warm.total();
    DeviceCounts e = end.total();
    Throughput throughput = new Throughput(
        perSecond(e.deliveredPoints() - w.deliveredPoints(), steadySeconds),
        perSecond(e.deliveredSamples() - w.deliveredSamples(), steadySeconds),
        perSecond(e.polls() - w.polls(), steadySeconds),
        e.deliveredPoints() - w.deliveredPoints(), e.deliveredSamples() - w.deliveredSamples(), e.polls() - w.polls());
    Polls polls = new Polls(
        count(start, warm, end, DeviceCounts::slowPolls),
        count(start, warm, end, DeviceCounts::overruns),
        count(start, warm, end, DeviceCounts::deferrals),
        count(start, warm, end, DeviceCounts::errors),
        count(start, warm, end, DeviceCounts::failedSamples),
        devicesPolledBetween(warm.pollsByDevice(), end.pollsByDevice()));
    Cpu cpu = cpu(start.cpu(), warm.cpu(), end.cpu());
    Run run = new Run(in.startedAt(), in.command(), s.devices(), s.interfaces(), s.interval().toMillis() / 1e3,
        (warm.nanos() - start.nanos()) / 1e9, steadySeconds, in.secondsUntilEveryDevicePolled(),
        in.processors(), in.nodeJvmOptions(), String.join(" ", s.simulatorJvmOptions()));
    PollDurations durations = durations(window(warm.pollMicros(), end.pollMicros()));
    List<Sink> sinks = new ArrayList<>();
    for (SinkSetup setup : in.sinks()) {
      sinks.add(sink(setup, start, warm, end, steadySeconds, in.depthMaxSteady(), in.depthMaxRun()));
    }
    List<Check> checks = checks(s, polls, in.heap());
    sinks.stream().filter(sink -> sink.influx() != null).forEach(sink -> checks.add(keepsUp(sink)));
    return new BenchFigures(SCHEMA, run, throughput, durations, polls, in.heap(), cpu, List.copyOf(sinks),
        List.of(), List.copyOf(checks));
  }

  static Sink sink(SinkSetup setup, BenchSnapshot start, BenchSnapshot warm, BenchSnapshot end,
      double steadySeconds, Map<String, Integer> depthMaxSteady, Map<String, Integer> depthMaxRun) {
    SinkCounters.Snapshot s = counters(start, setup.name());
    SinkCounters.Snapshot w = counters(warm, setup.name());
    SinkCounters.Snapshot e = counters(end, setup.name());
    Count points = new Count(e.writtenPoints() - w.writtenPoints(), e.writtenPoints() - s.writtenPoints());
    Count samples = new Count(e.writtenSamples() - w.writtenSamples(), e.writtenSamples() - s.writtenSamples());
    return new Sink(setup.name(), setup.primary(), perSecond(points.steady(), steadySeconds),
        perSecond(samples.steady(), steadySeconds), points, samples,
        new Count(e.failedSamples() - w.failedSamples(), e.failedSamples() - s.failedSamples()),
        new Count(e.droppedSamples() - w.droppedSamples(), e.droppedSamples() - s.droppedSamples()),
        new Count(e.rejectedPoints() - w.rejectedPoints(), e.rejectedPoints() - s.rejectedPoints()),
        new Count(e.retries() - w.retries(), e.retries() - s.retries()),
        new Count(depthMaxSteady.getOrDefault(setup.name(), 0), depthMaxRun.getOrDefault(setup.name(), 0)),
        setup.bufferBatches(), setup.influx());
  }

  /** A sink that has not counted anything yet has no counters: zeros. */
  private static SinkCounters.Snapshot counters(BenchSnapshot snapshot, String sink) {
    return snapshot.sinks().getOrDefault(sink, new SinkCounters.Snapshot(sink, 0, 0, 0, 0, 0, 0, 0));
  }

  private static Check keepsUp(Sink sink) {
    boolean lost = sink.failedSamples().steady() + sink.droppedSamples().steady() + sink.rejectedPoints().steady() > 0;
    boolean full = sink.bufferDepthMax().steady() >= sink.bufferBatches();
    return new Check("the " + sink.name() + " sink keeps up",
        "0 samples failed or dropped, 0 values rejected, its buffer never full in the steady state",
        sink.failedSamples().steady() + " failed, " + sink.droppedSamples().steady() + " dropped, "
            + sink.rejectedPoints().steady() + " values rejected; buffer depth max " + sink.bufferDepthMax().steady()
            + " of " + sink.bufferBatches(),
        !lost && !full);
  }

  /** The durations recorded after {@code earlier} was taken and up to {@code later}. */
  static Histogram window(Histogram earlier, Histogram later) {
    Histogram window = later.copy();
    window.subtract(earlier);
    return window;
  }

  static PollDurations durations(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return new PollDurations(0, null, null, null);
    }
    return new PollDurations(micros.getTotalCount(),
        micros.getValueAtPercentile(50) / 1e3,
        micros.getValueAtPercentile(99) / 1e3,
        micros.getMaxValue() / 1e3);
  }

  static double perSecond(long count, double seconds) {
    return seconds <= 0 ? 0 : count / seconds;
  }

  static int devicesPolledBetween(Map<String, Long> earlier, Map<String, Long> later) {
    int polled = 0;
    for (Map.Entry<String, Long> device : later.entrySet()) {
      if (device.getValue() > earlier.getOrDefault(device.getKey(), 0L)) {
        polled++;
      }
    }
    return polled;
  }

  private static Count count(BenchSnapshot start, BenchSnapshot warm, BenchSnapshot end,
      ToLongFunction<DeviceCounts> field) {
    long atEnd = field.applyAsLong(end.total());
    return new Count(atEnd - field.applyAsLong(warm.total()), atEnd - field.applyAsLong(start.total()));
  }

  private static Cpu cpu(BenchSnapshot.Cpu start, BenchSnapshot.Cpu warm, BenchSnapshot.Cpu end) {
    Seconds node = seconds(start.node(), warm.node(), end.node());
    Seconds simulator = seconds(start.simulator(), warm.simulator(), end.simulator());
    Seconds broker = seconds(start.broker(), warm.broker(), end.broker());
    Seconds influxdb = seconds(start.influxdb(), warm.influxdb(), end.influxdb());
    Seconds total = new Seconds(sum(node.steady(), simulator.steady(), broker.steady()),
        sum(node.run(), simulator.run(), broker.run()));
    return new Cpu(node, simulator, broker, influxdb, total, seconds(start.machine(), warm.machine(), end.machine()));
  }

  private static Seconds seconds(OptionalDouble start, OptionalDouble warm, OptionalDouble end) {
    if (end.isEmpty()) {
      return new Seconds(null, null);
    }
    return new Seconds(
        warm.isPresent() ? centis(end.getAsDouble() - warm.getAsDouble()) : null,
        start.isPresent() ? centis(end.getAsDouble() - start.getAsDouble()) : null);
  }

  /** The kernel counts CPU time in 1/100 s: more digits would be noise from subtracting doubles. */
  private static double centis(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }

  private static Double sum(Double... parts) {
    double sum = 0;
    for (Double part : parts) {
      if (part == null) {
        return null;
      }
      sum += part;
    }
    return centis(sum);
  }

  private static List<Check> checks(BenchSettings s, Polls polls, Heap heap) {
    List<Check> checks = new ArrayList<>();
    long late = polls.slowPolls().steady() + polls.overruns().steady();
    checks.add(new Check("every poll finishes within its interval",
        "0 slow polls and 0 skipped ticks in the steady state",
        polls.slowPolls().steady() + " slow polls, " + polls.overruns().steady() + " skipped ticks", late == 0));
    checks.add(new Check("no deferrals at steady state", "0 deferrals in the steady state",
        polls.deferrals().steady() + " deferrals", polls.deferrals().steady() == 0));
    long targetMib = s.heapTargetBytes() / (1024 * 1024);
    checks.add(new Check("collector heap at most " + targetMib + " MiB",
        "heap used after GC (max over the run) <= " + targetMib + " MiB",
        mib(heap.maxUsedAfterGcBytes()) + " MiB used after GC (peak used " + mib(heap.peakUsedBytes()) + " MiB)",
        heap.maxUsedAfterGcBytes() <= s.heapTargetBytes()));
    boolean allPolled = polls.devicesPolledInSteadyState() == s.devices();
    checks.add(new Check("every device polled, without errors",
        s.devices() + " devices polled in the steady state, 0 errors, 0 samples lost",
        polls.devicesPolledInSteadyState() + " devices polled, " + polls.errors().steady() + " errors, "
            + polls.failedSamples().steady() + " samples not delivered",
        allPolled && polls.errors().steady() == 0 && polls.failedSamples().steady() == 0));
    return checks;
  }

  static long mib(long bytes) {
    return Math.round(bytes / (1024.0 * 1024.0));
  }

  private static Long boxed(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }

  /** True when every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }
}
