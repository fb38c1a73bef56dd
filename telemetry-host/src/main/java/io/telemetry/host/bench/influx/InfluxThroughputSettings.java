package io.telemetry.host.bench.influx;

import io.telemetry.sink.influx.InfluxSinkSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code telemetry bench influx-ceiling} does.
 *
 * @param devices        synthetic devices per round
 * @param interfaces     physical ports per device
 * @param interval       time between two polls of a device (the points' timestamps)
 * @param warmupRounds   rounds written before the clock starts (series creation, JIT)
 * @param timedRounds    rounds the rates are measured on
 * @param batchPoints    lines per request tried for the ceiling
 * @param parallelisms   requests in flight tried for the ceiling
 * @param pairs          runs of the best configuration and of the sink, in turns, after the sweep
 * @param sink           the sink's settings as the node would use them (url and database are
 *                       replaced by the embedded server's)
 * @param entryCapacity  the pipeline entry's capacity in poll batches (the node's setting)
 * @param workDir        the embedded server's data and log, this run's log
 */
public record InfluxThroughputSettings(
    int devices,
    int interfaces,
    Duration interval,
    int warmupRounds,
    int timedRounds,
    List<Integer> batchPoints,
    List<Integer> parallelisms,
    int pairs,
    InfluxSinkSettings sink,
    int entryCapacity,
    Path workDir) {

  public InfluxThroughputSettings {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(workDir, "workDir");
    batchPoints = List.copyOf(batchPoints);
    parallelisms = List.copyOf(parallelisms);
    if (devices < 1 || interfaces < 1) {
      throw new IllegalArgumentException("--devices and --interfaces must be at least 1");
    }
    if (warmupRounds < 1) {
      throw new IllegalArgumentException("--warmup-rounds must be at least 1 (the first round creates the series)");
    }
    if (timedRounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, was " + timedRounds);
    }
    if (pairs < 1) {
      throw new IllegalArgumentException("--pairs must be at least 1, was " + pairs);
    }
    if (batchPoints.isEmpty() || batchPoints.stream().anyMatch(b -> b < 1)) {
      throw new IllegalArgumentException("--batch-points needs one or more sizes of at least 1, was " + batchPoints);
    }
    if (parallelisms.isEmpty() || parallelisms.stream().anyMatch(p -> p < 1)) {
      throw new IllegalArgumentException("--parallelism needs one or more values of at least 1, was " + parallelisms);
    }
  }
}
