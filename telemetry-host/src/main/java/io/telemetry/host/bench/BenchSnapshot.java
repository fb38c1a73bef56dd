package io.telemetry.host.bench;

import io.telemetry.pipeline.PipelineMetrics.DeviceCounts;
import io.telemetry.pipeline.SinkCounters;
import java.util.Map;
import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;

/**
 * The node's counters, poll durations and every process's CPU time at one instant. Figures of a
 * window are the differences between two snapshots.
 *
 * @param nanos          {@link System#nanoTime()} when taken
 * @param total          the node's counters, all devices
 * @param pollMicros     poll durations so far, microseconds
 * @param pollsByDevice  polls so far of each device
 * @param cpu            CPU seconds used so far
 * @param sinks          each sink's counters so far, by sink name
 */
record BenchSnapshot(long nanos, DeviceCounts total, Histogram pollMicros, Map<String, Long> pollsByDevice,
    Cpu cpu, Map<String, SinkCounters.Snapshot> sinks) {

  /**
   * CPU seconds used so far by each process and by the whole machine; empty when unknown.
   *
   * @param influxdb the embedded influxd; empty when the run has none
   */
  record Cpu(OptionalDouble node, OptionalDouble simulator, OptionalDouble broker, OptionalDouble influxdb,
      OptionalDouble machine) {}

  BenchSnapshot {
    pollsByDevice = Map.copyOf(pollsByDevice);
    sinks = Map.copyOf(sinks);
  }
}
