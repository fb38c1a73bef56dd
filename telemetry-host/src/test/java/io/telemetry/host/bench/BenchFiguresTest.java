package io.telemetry.host.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.host.bench.BenchFigures.Check;
import io.telemetry.pipeline.PipelineMetrics.DeviceCounts;
import io.telemetry.pipeline.SinkCounters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchFiguresTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MIB = 1024 * 1024;

  @Test
  void pollPercentilesCoverTheSteadyStateOnly() {
    Histogram warm = histogram();
    for (int ms = 1; ms <= 1000; ms++) {
      warm.recordValue(ms * 1000L); // warm-up polls: 1..1000 ms
    }
    Histogram end = warm.copy();
    for (int ms = 2001; ms <= 3000; ms++) {
      end.recordValue(ms * 1000L); // steady-state polls: 2001..3000 ms
    }

    BenchFigures.PollDurations window = BenchFigures.durations(BenchFigures.window(warm, end));

    assertEquals(1000, window.count());
    assertEquals(2500, window.p50(), 2500 * 0.002); // HdrHistogram keeps 3 significant digits
    assertEquals(2990, window.p99(), 2990 * 0.002);
    assertEquals(3000, window.max(), 3000 * 0.002);
  }

  @Test
  void noPollInTheWindowGivesNoPercentiles() {
    Histogram warm = histogram();
    warm.recordValue(5_000);
    BenchFigures.PollDurations window = BenchFigures.durations(BenchFigures.window(warm, warm.copy()));
    assertEquals(0, window.count());
    assertNull(window.p50());
  }

  @Test
  void ratesAndCountsComeFromTheSteadyStateAndTheRun() {
    BenchSnapshot start = snapshot(0, counts(0, 0, 0, 0, 0, 0), Map.of(), 0);
    // Warm-up: 100 polls, 10,000 points, 3 deferrals, 1 slow poll.
    BenchSnapshot warm = snapshot(60 * SECOND, counts(100, 10_000, 3, 1, 0, 0),
        Map.of("a", 50L, "b", 50L, "c", 0L), 10);
    // Then 30 s: 60 more polls, 60,000 more points, no deferral, 2 skipped ticks.
    BenchSnapshot end = snapshot(90 * SECOND, counts(160, 70_000, 3, 1, 2, 0),
        Map.of("a", 80L, "b", 50L, "c", 30L), 25);

    BenchFigures f = BenchFigures.compute(inputs(settings(3), heap(100 * MIB)), start, warm, end);

    assertEquals(2000.0, f.throughput().pointsPerSecond(), 1e-9);
    assertEquals(2.0, f.throughput().pollsPerSecond(), 1e-9);
    assertEquals(60_000, f.throughput().deliveredPoints());
    assertEquals(30.0, f.run().steadySeconds(), 1e-9);
    assertEquals(60.0, f.run().warmupSeconds(), 1e-9);
    assertEquals(new BenchFigures.Count(0, 3), f.polls().deferrals());
    assertEquals(new BenchFigures.Count(0, 1), f.polls().slowPolls());
    assertEquals(new BenchFigures.Count(2, 2), f.polls().overruns());
    assertEquals(2, f.polls().devicesPolledInSteadyState()); // b did not poll after the warm-up
    assertEquals(15.0, f.cpuSeconds().node().steady(), 1e-9);
    assertEquals(25.0, f.cpuSeconds().node().run(), 1e-9);
    assertEquals(45.0, f.cpuSeconds().total().steady(), 1e-9); // node + simulator + broker, 15 each
  }

  @Test
  void checksNameWhatWasMissed() {
    BenchSnapshot start = snapshot(0, counts(0, 0, 0, 0, 0, 0), Map.of(), 0);
    BenchSnapshot warm = snapshot(10 * SECOND, counts(2, 100, 0, 0, 0, 0), Map.of("a", 1L, "b", 1L), 1);
    BenchSnapshot end = snapshot(20 * SECOND, counts(4, 200, 1, 1, 0, 0), Map.of("a", 2L, "b", 2L), 2);

    BenchFigures late = BenchFigures.compute(inputs(settings(2), heap(1500 * MIB)), start, warm, end);

    assertFalse(late.passed());
    assertFalse(check(late, "every poll finishes within its interval").passed());
    assertFalse(check(late, "no deferrals at steady state").passed());
    assertFalse(check(late, "collector heap at most 1024 MiB").passed());
    assertTrue(check(late, "collector heap at most 1024 MiB").actual().contains("1500 MiB"));
    assertTrue(check(late, "every device polled, without errors").passed());

    BenchSnapshot clean = snapshot(20 * SECOND, counts(4, 200, 0, 0, 0, 0), Map.of("a", 2L, "b", 2L), 2);
    assertTrue(BenchFigures.compute(inputs(settings(2), heap(1024 * MIB)), start, warm, clean).passed());
  }

  @Test
  void eachSinkHasItsSteadyStateAndRunCountsAndTheInfluxSinkIsChecked() {
    BenchSnapshot start = snapshot(0, counts(0, 0, 0, 0, 0, 0), Map.of(), 0, Map.of()); // no sink has counted yet
    // Warm-up: Kafka wrote 100 samples / 1,000 points; InfluxDB 90 / 900, 2 retries, 5 values rejected.
    BenchSnapshot warm = snapshot(60 * SECOND, counts(10, 1_000, 0, 0, 0, 0), Map.of("a", 10L), 10, Map.of(
        "kafka", new SinkCounters.Snapshot("kafka", 100, 1_000, 0, 0, 0, 0, 3),
        "influx", new SinkCounters.Snapshot("influx", 90, 900, 0, 0, 5, 2, 7)));
    // Then 40 s: Kafka 400 more samples / 4,000 points; InfluxDB 410 / 4,100, 1 more retry.
    BenchSnapshot end = snapshot(100 * SECOND, counts(50, 5_000, 0, 0, 0, 0), Map.of("a", 50L), 20, Map.of(
        "kafka", new SinkCounters.Snapshot("kafka", 500, 5_000, 0, 0, 0, 0, 0),
        "influx", new SinkCounters.Snapshot("influx", 500, 5_000, 0, 0, 5, 3, 1)));
    BenchFigures.Inputs in = new BenchFigures.Inputs(settings(1), "2026-01-01T00:00:00Z", "bench", "-Xmx2g", 2, 1.0,
        heap(100 * MIB), List.of(KAFKA, INFLUX), Map.of("kafka", 2, "influx", 12), Map.of("kafka", 9, "influx", 40));

    BenchFigures f = BenchFigures.compute(in, start, warm, end);

    assertEquals(List.of("kafka", "influx"), f.sinks().stream().map(BenchFigures.Sink::name).toList());
    BenchFigures.Sink kafka = f.sinks().get(0);
    BenchFigures.Sink influx = f.sinks().get(1);
    assertTrue(kafka.primary());
    assertEquals(100.0, kafka.pointsPerSecond(), 1e-9); // 4,000 points in 40 s
    assertEquals(102.5, influx.pointsPerSecond(), 1e-9); // 4,100 points in 40 s
    assertEquals(10.25, influx.samplesPerSecond(), 1e-9);
    assertEquals(new BenchFigures.Count(4_100, 5_000), influx.writtenPoints());
    assertEquals(new BenchFigures.Count(1, 3), influx.retries());
    assertEquals(new BenchFigures.Count(0, 5), influx.rejectedPoints());
    assertEquals(new BenchFigures.Count(12, 40), influx.bufferDepthMax());
    assertEquals(4, influx.influx().parallelism());
    assertTrue(check(f, "the influx sink keeps up").passed(), check(f, "the influx sink keeps up").actual());
    assertEquals(5, f.checks().size(), "the InfluxDB check comes in addition to the four others");

    // A value rejected in the steady state, or a buffer full, misses it.
    BenchSnapshot rejected = snapshot(100 * SECOND, counts(50, 5_000, 0, 0, 0, 0), Map.of("a", 50L), 20, Map.of(
        "kafka", new SinkCounters.Snapshot("kafka", 500, 5_000, 0, 0, 0, 0, 0),
        "influx", new SinkCounters.Snapshot("influx", 500, 5_000, 0, 0, 6, 3, 1)));
    assertFalse(BenchFigures.compute(in, start, warm, rejected).passed());
    BenchFigures.Inputs full = new BenchFigures.Inputs(settings(1), "2026-01-01T00:00:00Z", "bench", "-Xmx2g", 2,
        1.0, heap(100 * MIB), List.of(KAFKA, INFLUX), Map.of("influx", 256), Map.of("influx", 256));
    assertTrue(check(BenchFigures.compute(full, start, warm, end), "the influx sink keeps up").actual()
        .contains("buffer depth max 256 of 256"));
    assertFalse(BenchFigures.compute(full, start, warm, end).passed());
  }

  @Test
  void withoutInfluxTheChecksAreTheFourOfBefore() {
    BenchSnapshot start = snapshot(0, counts(0, 0, 0, 0, 0, 0), Map.of(), 0);
    BenchSnapshot warm = snapshot(10 * SECOND, counts(2, 100, 0, 0, 0, 0), Map.of("a", 1L), 1);
    BenchSnapshot end = snapshot(20 * SECOND, counts(4, 200, 0, 0, 0, 0), Map.of("a", 2L), 2);
    BenchFigures f = BenchFigures.compute(inputs(settings(1), heap(100 * MIB)), start, warm, end);
    assertEquals(4, f.checks().size());
    assertEquals(new BenchFigures.Count(0, 0), f.sinks().get(0).writtenPoints(), "no counters yet: zeros");
    assertNull(f.cpuSeconds().influxdb().steady());
  }

  @Test
  void heapPerDeviceAndMarginalLiveSet() {
    HeapWatch.Reading run = new HeapWatch.Reading(900 * MIB, 400 * MIB, 50, 700);
    HeapWatch.Reading steady = new HeapWatch.Reading(800 * MIB, 350 * MIB, 20, 300);
    BenchFigures.Heap heap = BenchFigures.Heap.of(2048 * MIB, run, steady, OptionalLong.of(40 * MIB),
        OptionalLong.of(340 * MIB), 1000);
    assertEquals(400 * MIB / 1000, heap.usedAfterGcPerDeviceBytes());
    assertEquals(300 * MIB / 1000, heap.marginalLivePerDeviceBytes());
    assertEquals(800 * MIB, heap.steadyPeakUsedBytes());

    BenchFigures.Heap noExplicitGc = BenchFigures.Heap.of(2048 * MIB, run, steady, OptionalLong.empty(),
        OptionalLong.empty(), 1000);
    assertNull(noExplicitGc.marginalLivePerDeviceBytes());
    assertNull(noExplicitGc.liveAfterFullGcBytes());
    assertEquals(400 * MIB, noExplicitGc.maxUsedAfterGcBytes());
  }

  @Test
  void theFullGcAtTheEndCountsAsAGcOfTheRun() {
    HeapWatch.Reading noGc = new HeapWatch.Reading(90 * MIB, 0, 0, 0);
    BenchFigures.Heap heap = BenchFigures.Heap.of(2048 * MIB, noGc, noGc, OptionalLong.of(10 * MIB),
        OptionalLong.of(30 * MIB), 10);
    assertEquals(30 * MIB, heap.maxUsedAfterGcBytes());
    assertNull(heap.steadyMaxUsedAfterGcBytes(), "no GC in the steady state: no figure, not 0");
  }

  @Test
  void settingsRefuseAWarmupAsLongAsTheRun() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new BenchSettings(10, 4, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60),
            Path.of("x"), MIB, List.of(), Optional.empty(), Duration.ofSeconds(10), false));
    assertTrue(e.getMessage().contains("--duration"), e.getMessage());
    assertEquals(Duration.ofSeconds(20), BenchSettings.defaultWarmup(Duration.ofSeconds(2)));
    assertEquals(Duration.ofSeconds(60), BenchSettings.defaultWarmup(Duration.ofSeconds(30)));
  }

  static BenchSettings settings(int devices) {
    return new BenchSettings(devices, 48, Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(60),
        Path.of("work"), 1024 * MIB, List.of("-Xmx1g"), Optional.empty(), Duration.ofSeconds(10), false);
  }

  static BenchFigures.Heap heap(long usedAfterGc) {
    HeapWatch.Reading reading = new HeapWatch.Reading(usedAfterGc * 2, usedAfterGc, 10, 100);
    return BenchFigures.Heap.of(2048 * MIB, reading, reading, OptionalLong.of(10 * MIB),
        OptionalLong.of(usedAfterGc / 2), 3);
  }

  static BenchFigures.Inputs inputs(BenchSettings settings, BenchFigures.Heap heap) {
    return new BenchFigures.Inputs(settings, "2026-01-01T00:00:00Z", "telemetry bench --devices 3", "-Xmx2g", 2,
        12.5, heap, List.of(KAFKA), Map.of(), Map.of());
  }

  static final BenchFigures.SinkSetup KAFKA = new BenchFigures.SinkSetup("kafka", true, 64, null);
  static final BenchFigures.SinkSetup INFLUX = new BenchFigures.SinkSetup("influx", false, 256,
      new BenchFigures.InfluxSettings("v1", 5000, 4, 1000, false, "backpressure"));

  /** CPU: node, simulator and broker each at {@code cpu} seconds, the machine at twice the sum; no sink counters. */
  static BenchSnapshot snapshot(long nanos, DeviceCounts total, Map<String, Long> polls, double cpu) {
    return snapshot(nanos, total, polls, cpu, Map.of());
  }

  static BenchSnapshot snapshot(long nanos, DeviceCounts total, Map<String, Long> polls, double cpu,
      Map<String, SinkCounters.Snapshot> sinks) {
    Histogram h = histogram();
    return new BenchSnapshot(nanos, total, h, polls, new BenchSnapshot.Cpu(OptionalDouble.of(cpu),
        OptionalDouble.of(cpu), OptionalDouble.of(cpu), OptionalDouble.empty(), OptionalDouble.of(6 * cpu)), sinks);
  }

  /** Counters where every polled sample carries 10 points and was delivered. */
  static DeviceCounts counts(long polls, long points, long deferrals, long slowPolls, long overruns, long errors) {
    return new DeviceCounts(polls, points / 10, points, points / 10, points, 0, deferrals, overruns, slowPolls, errors);
  }

  static Check check(BenchFigures figures, String name) {
    return figures.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  static Histogram histogram() {
    return new Histogram(3_600_000_000L, 3);
  }
}
