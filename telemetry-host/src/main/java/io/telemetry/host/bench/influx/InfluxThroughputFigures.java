package io.telemetry.host.bench.influx;

import io.telemetry.pipeline.SinkCounters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The figures of {@code telemetry bench influx-ceiling}. A sweep posts pre-built bodies straight
 * to InfluxDB at every (batch size, parallelism) and picks the fastest; then that configuration
 * and the sink at full speed run in turns, {@code pairs} times, on the same points. The ceiling is
 * the median of those direct runs, the sink's figure the median of its runs: medians of runs made
 * under the same conditions, because other work on the machine moves single runs by a quarter.
 *
 * <p>Units: a <em>line</em> is one InfluxDB point (one sample); a <em>value</em> is one field of
 * a line, which is what the bench calls a point elsewhere ({@code Sample.pointCount()}). Rates
 * count the timed rounds only.
 */
public record InfluxThroughputFigures(
    int schema,
    Run run,
    List<Trial> sweep,
    List<Pair> pairs,
    SinkSettings sinkSettings,
    Summary summary,
    Check check) {

  public static final int SCHEMA = 1;

  /** The sink passes when it reaches this share of the ceiling. */
  public static final double TARGET_SHARE = 0.8;

  /**
   * What ran.
   *
   * @param timedLines  lines (samples) of the timed rounds, written once by every trial
   * @param timedValues field values in them
   */
  public record Run(String startedAt, String command, int devices, int interfaces, int samplesPerPoll,
      int valuesPerPoll, int warmupRounds, int timedRounds, long timedLines, long timedValues, int processors,
      String jvmOptions, String influxd) {}

  /**
   * CPU seconds over a timed part; null where unknown.
   *
   * @param client  this JVM (the encoder, the HTTP client, the sink's stream, GC, JIT)
   * @param influxd the server
   * @param machine every process on the machine: what else ran shows as machine - client - influxd
   */
  public record Cpu(Double client, Double influxd, Double machine) {

    static Cpu between(CpuReading before, CpuReading after) {
      return new Cpu(diff(before.client(), after.client()), diff(before.influxd(), after.influxd()),
          diff(before.machine(), after.machine()));
    }

    private static Double diff(OptionalDouble before, OptionalDouble after) {
      return before.isPresent() && after.isPresent()
          ? Math.round((after.getAsDouble() - before.getAsDouble()) * 100) / 100.0 : null;
    }
  }

  /** CPU seconds used so far. */
  record CpuReading(OptionalDouble client, OptionalDouble influxd, OptionalDouble machine) {}

  /**
   * One timed write of the timed rounds.
   *
   * @param name     e.g. {@code direct b=5000 p=2} or {@code sink b=5000 p=2}
   * @param requests write requests of the timed part (for the sink: lines / batch-points, rounded up)
   * @param seconds  first request (or hand-over to the sink) to the last answer (the stream's end)
   * @param linesPerCpuSecond lines per CPU second of the client and influxd together: on a machine
   *                 whose cores are all busy, what a run gets is its share of them, which other
   *                 work decides; this figure does not depend on that share. Null when unknown
   */
  public record Trial(String name, int batchPoints, int parallelism, long requests, long lines, long values,
      double seconds, double linesPerSecond, double valuesPerSecond, Double linesPerCpuSecond, Cpu cpuSeconds) {

    static Trial of(String name, int batchPoints, int parallelism, long requests, long lines, long values,
        long nanos, Cpu cpu) {
      double seconds = nanos / 1e9;
      Double perCpu = cpu.client() == null || cpu.influxd() == null || cpu.client() + cpu.influxd() <= 0 ? null
          : lines / (cpu.client() + cpu.influxd());
      return new Trial(name, batchPoints, parallelism, requests, lines, values, seconds,
          seconds <= 0 ? 0 : lines / seconds, seconds <= 0 ? 0 : values / seconds, perCpu, cpu);
    }
  }

  /**
   * One run of the sink at full speed.
   *
   * @param counters       the sink's counters over the timed pass (a fresh pipeline each time)
   * @param bufferDepthMax most poll batches seen waiting in the sink's buffer
   */
  public record SinkTrial(Trial trial, SinkCounters.Snapshot counters, int bufferDepthMax) {}

  /** A direct run of the best configuration, then a sink run, one right after the other. */
  public record Pair(Trial direct, SinkTrial sink, double sinkToDirect) {

    static Pair of(Trial direct, SinkTrial sink) {
      return new Pair(direct, sink, share(sink.trial().linesPerSecond(), direct.linesPerSecond()));
    }
  }

  /** The sink's settings, as the node would run it (url and database aside). */
  public record SinkSettings(int batchPoints, int parallelism, long batchIntervalMillis, boolean gzip,
      int bufferBatches) {}

  /**
   * @param ceilingLinesPerSecond  median of the best configuration's direct runs in the pairs
   * @param sinkLinesPerSecond     median of the sink's runs
   * @param sinkToCeiling          the two medians' ratio: what the target is judged on
   * @param highestDirect          the fastest direct run of all (sweep included), for comparison
   * @param sinkToHighestDirect    the sink's median over that single fastest run
   * @param ceilingLinesPerCpuSecond median lines per CPU second (client + influxd) of the direct
   *                               runs in turns; null when CPU times are unknown
   * @param sinkLinesPerCpuSecond  the same for the sink's runs
   * @param sinkToCeilingPerCpuSecond their ratio: how much more CPU the sink's way of writing costs
   */
  public record Summary(int bestBatchPoints, int bestParallelism, double ceilingLinesPerSecond,
      double ceilingValuesPerSecond, double sinkLinesPerSecond, double sinkValuesPerSecond, double sinkToCeiling,
      Trial highestDirect, double sinkToHighestDirect, Double ceilingLinesPerCpuSecond, Double sinkLinesPerCpuSecond,
      Double sinkToCeilingPerCpuSecond, long sinkRetries, long sinkRejectedPoints,
      long sinkDroppedSamples, long sinkFailedSamples, int sinkBufferDepthMax) {}

  /** Whether the sink reached {@link #TARGET_SHARE} of the ceiling and wrote every line. */
  public record Check(String name, String target, String actual, boolean passed) {}

  /** The sweep's fastest trial; trials all write the same lines. */
  static Trial best(List<Trial> trials) {
    return trials.stream().max(Comparator.comparingDouble(Trial::linesPerSecond))
        .orElseThrow(() -> new IllegalArgumentException("no ceiling trial ran"));
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no value to take the median of");
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** The median, or null when any value is unknown. */
  static Double medianOrNull(List<Double> values) {
    return values.isEmpty() || values.contains(null) ? null : median(values);
  }

  static double share(double part, double whole) {
    return whole <= 0 ? 0 : part / whole;
  }

  static InfluxThroughputFigures compute(Run run, List<Trial> sweep, List<Pair> pairs, SinkSettings sinkSettings) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("no direct/sink pair ran");
    }
    Trial best = best(sweep);
    List<Trial> direct = pairs.stream().map(Pair::direct).toList();
    List<SinkTrial> sinks = pairs.stream().map(Pair::sink).toList();
    double ceilingLines = median(direct.stream().map(Trial::linesPerSecond).toList());
    double ceilingValues = median(direct.stream().map(Trial::valuesPerSecond).toList());
    double sinkLines = median(sinks.stream().map(s -> s.trial().linesPerSecond()).toList());
    double sinkValues = median(sinks.stream().map(s -> s.trial().valuesPerSecond()).toList());
    List<Trial> allDirect = new ArrayList<>(sweep);
    allDirect.addAll(direct);
    Trial highest = best(allDirect);

    long written = 0;
    long retries = 0;
    long rejected = 0;
    long dropped = 0;
    long failed = 0;
    int depthMax = 0;
    for (SinkTrial s : sinks) {
      written += s.counters().writtenSamples();
      retries += s.counters().retries();
      rejected += s.counters().rejectedPoints();
      dropped += s.counters().droppedSamples();
      failed += s.counters().failedSamples();
      depthMax = Math.max(depthMax, s.bufferDepthMax());
    }
    double ratio = share(sinkLines, ceilingLines);
    Double ceilingPerCpu = medianOrNull(direct.stream().map(Trial::linesPerCpuSecond).toList());
    Double sinkPerCpu = medianOrNull(sinks.stream().map(s -> s.trial().linesPerCpuSecond()).toList());
    Summary summary = new Summary(best.batchPoints(), best.parallelism(), ceilingLines, ceilingValues, sinkLines,
        sinkValues, ratio, highest, share(sinkLines, highest.linesPerSecond()), ceilingPerCpu, sinkPerCpu,
        ceilingPerCpu == null || sinkPerCpu == null ? null : share(sinkPerCpu, ceilingPerCpu), retries, rejected,
        dropped, failed, depthMax);

    long expected = run.timedLines() * sinks.size();
    boolean complete = written == expected && failed == 0 && dropped == 0 && rejected == 0;
    String actual = String.format(Locale.ROOT, "%.0f%% (median %,.0f of median %,.0f lines/s); %,d of %,d lines"
            + " written, %d failed, %d dropped, %d values rejected",
        100 * ratio, sinkLines, ceilingLines, written, expected, failed, dropped, rejected);
    Check check = new Check("the InfluxDB sink reaches " + Math.round(TARGET_SHARE * 100) + "% of InfluxDB's ceiling",
        "median sink lines/s >= " + TARGET_SHARE + " x median direct lines/s (best configuration, runs in turns);"
            + " every line written",
        actual, ratio >= TARGET_SHARE && complete);
    return new InfluxThroughputFigures(SCHEMA, run, List.copyOf(sweep), List.copyOf(pairs), sinkSettings, summary,
        check);
  }

  public boolean passed() {
    return check.passed();
  }
}
