package io.telemetry.host.bench.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.host.bench.influx.InfluxThroughputFigures.Cpu;
import io.telemetry.host.bench.influx.InfluxThroughputFigures.Pair;
import io.telemetry.host.bench.influx.InfluxThroughputFigures.SinkTrial;
import io.telemetry.host.bench.influx.InfluxThroughputFigures.Trial;
import io.telemetry.pipeline.SinkCounters;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class InfluxThroughputFiguresTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long LINES = 100_000;
  private static final Cpu CPU = new Cpu(1.0, 9.0, 12.0);

  @Test
  void aTrialsRatesAreOverItsTimedPart() {
    Trial t = Trial.of("direct b=5000 p=4", 5000, 4, 20, LINES, 1_150_000, 4 * SECOND, CPU);
    assertEquals(25_000, t.linesPerSecond(), 1e-9);
    assertEquals(287_500, t.valuesPerSecond(), 1e-9);
    assertEquals(10_000, t.linesPerCpuSecond(), 1e-9); // 100,000 lines over 1 + 9 CPU seconds
    assertNull(Trial.of("x", 1, 1, 1, LINES, 1, SECOND, new Cpu(null, 9.0, null)).linesPerCpuSecond());
  }

  @Test
  void cpuSecondsAreDifferencesOfReadingsAndUnknownStaysUnknown() {
    Cpu cpu = Cpu.between(
        new InfluxThroughputFigures.CpuReading(OptionalDouble.of(10.0), OptionalDouble.of(100.0), OptionalDouble.of(500.0)),
        new InfluxThroughputFigures.CpuReading(OptionalDouble.of(10.5), OptionalDouble.of(112.25), OptionalDouble.empty()));
    assertEquals(0.5, cpu.client(), 1e-9);
    assertEquals(12.25, cpu.influxd(), 1e-9);
    assertNull(cpu.machine());
  }

  @Test
  void mediansOfOddAndEvenCounts() {
    assertEquals(3.0, InfluxThroughputFigures.median(List.of(9.0, 1.0, 3.0)), 1e-9);
    assertEquals(2.5, InfluxThroughputFigures.median(List.of(4.0, 1.0, 3.0, 2.0)), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> InfluxThroughputFigures.median(List.of()));
    assertNull(InfluxThroughputFigures.medianOrNull(java.util.Arrays.asList(1.0, null)));
  }

  @Test
  void theSweepsBestIsTheFastestAndTheTargetIsJudgedOnMediansOfTheRunsInTurns() {
    List<Trial> sweep = List.of(direct(1000, 1, 10), direct(5000, 4, 5), direct(5000, 2, 8));
    assertEquals(4, InfluxThroughputFigures.best(sweep).parallelism());

    // Direct runs in turns: 20,000, 25,000, 10,000 lines/s (median 20,000); the sink's: 17,000,
    // 16,000, 30,000 (median 17,000) = 85% of the ceiling.
    List<Pair> pairs = List.of(
        Pair.of(direct(5000, 4, 5), sink(LINES * 1_000 / 17_000, LINES)),
        Pair.of(direct(5000, 4, 4), sink(LINES * 1_000 / 16_000, LINES)),
        Pair.of(direct(5000, 4, 10), sink(LINES * 1_000 / 30_000, LINES)));

    InfluxThroughputFigures f = InfluxThroughputFigures.compute(run(), sweep, pairs, settings());

    assertEquals(20_000, f.summary().ceilingLinesPerSecond(), 1);
    assertEquals(17_000, f.summary().sinkLinesPerSecond(), 5); // whole milliseconds above
    assertEquals(0.85, f.summary().sinkToCeiling(), 1e-3);
    assertEquals(25_000, f.summary().highestDirect().linesPerSecond(), 1);
    assertEquals(0.68, f.summary().sinkToHighestDirect(), 1e-3);
    assertEquals(5000, f.summary().bestBatchPoints());
    assertEquals(4, f.summary().bestParallelism());
    assertEquals(0.85, f.pairs().get(0).sinkToDirect(), 1e-3);
    assertTrue(f.passed(), f.check().actual());
    assertTrue(f.check().actual().startsWith("85%"), f.check().actual());
  }

  @Test
  void belowEightyPercentOrALineNotWrittenMissesTheTarget() {
    List<Trial> sweep = List.of(direct(5000, 4, 5));
    InfluxThroughputFigures slow = InfluxThroughputFigures.compute(run(), sweep,
        List.of(Pair.of(direct(5000, 4, 5), sink(LINES * 1_000 / 15_000, LINES))), settings());
    assertEquals(0.75, slow.summary().sinkToCeiling(), 1e-3);
    assertFalse(slow.passed());

    InfluxThroughputFigures incomplete = InfluxThroughputFigures.compute(run(), sweep,
        List.of(Pair.of(direct(5000, 4, 5), sink(LINES * 1_000 / 19_000, LINES - 1))), settings());
    assertTrue(incomplete.summary().sinkToCeiling() > 0.9);
    assertFalse(incomplete.passed(), "a line missing fails however fast");
  }

  @Test
  void linesPerCpuSecondCompareTheTwoWaysOfWritingWhateverElseRan() {
    Trial direct = Trial.of("direct", 5000, 4, 20, LINES, LINES * 11, 5 * SECOND, new Cpu(0.5, 9.5, 10.0));
    SinkTrial sink = new SinkTrial(Trial.of("sink", 5000, 4, 20, LINES, LINES * 11, 8 * SECOND,
        new Cpu(1.5, 11.0, 16.0)), counters(LINES), 256);
    InfluxThroughputFigures f = InfluxThroughputFigures.compute(run(), List.of(direct), List.of(Pair.of(direct, sink)),
        settings());
    assertEquals(10_000, f.summary().ceilingLinesPerCpuSecond(), 1e-6);
    assertEquals(8_000, f.summary().sinkLinesPerCpuSecond(), 1e-6);
    assertEquals(0.8, f.summary().sinkToCeilingPerCpuSecond(), 1e-9);
  }

  /** A direct run of the timed lines taking {@code seconds}. */
  private static Trial direct(int batchPoints, int parallelism, long seconds) {
    return Trial.of("direct b=" + batchPoints + " p=" + parallelism, batchPoints, parallelism, LINES / batchPoints,
        LINES, LINES * 11, seconds * SECOND, CPU);
  }

  /** A sink run taking {@code millis} that wrote {@code written} lines. */
  private static SinkTrial sink(long millis, long written) {
    return new SinkTrial(Trial.of("sink b=5000 p=4", 5000, 4, 20, written, written * 11, millis * 1_000_000, CPU),
        counters(written), 256);
  }

  private static SinkCounters.Snapshot counters(long written) {
    return new SinkCounters.Snapshot("influx", written, written * 11, 0, 0, 0, 0, 0);
  }

  private static InfluxThroughputFigures.Run run() {
    return new InfluxThroughputFigures.Run("2026-01-01T00:00:00Z", "telemetry bench influx-ceiling", 1000, 48, 97,
        1118, 1, 3, LINES, LINES * 11, 2, "-Xmx2g", "InfluxDB v1.6.7");
  }

  private static InfluxThroughputFigures.SinkSettings settings() {
    return new InfluxThroughputFigures.SinkSettings(5000, 4, 1000, false, 256);
  }
}
