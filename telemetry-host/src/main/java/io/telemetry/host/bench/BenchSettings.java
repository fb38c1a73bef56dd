package io.telemetry.host.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one benchmark run does.
 *
 * @param devices              simulated devices
 * @param interfaces           physical interfaces per device
 * @param interval             poll interval of every device
 * @param duration             run time from the node's start, warm-up included
 * @param warmup               the start of the run that the figures leave out (connects, first
 *                             polls spread over one interval, JIT)
 * @param workDir              broker data, simulator files, the log, the figures
 * @param heapTargetBytes      the collector heap the run is checked against
 * @param simulatorJvmOptions  options of the simulator's JVM
 * @param nodeConfig           an optional node HOCON file (e.g. pipeline or dispatcher sizes)
 * @param progressEvery        how often a progress line is printed
 * @param influx               whether the node also writes to an embedded InfluxDB (its sink on)
 * @param correlation          whether correlation rule instances run beside the node, with chaos
 *                             on the fleet (the correlation column)
 * @param chaosPeriod          with {@code correlation}: time between the simulator's chaos incidents
 */
public record BenchSettings(
    int devices,
    int interfaces,
    Duration interval,
    Duration duration,
    Duration warmup,
    Path workDir,
    long heapTargetBytes,
    List<String> simulatorJvmOptions,
    Optional<Path> nodeConfig,
    Duration progressEvery,
    boolean influx,
    boolean correlation,
    Duration chaosPeriod) {

  /** A run without the correlation column. */
  public BenchSettings(int devices, int interfaces, Duration interval, Duration duration, Duration warmup,
      Path workDir, long heapTargetBytes, List<String> simulatorJvmOptions, Optional<Path> nodeConfig,
      Duration progressEvery, boolean influx) {
    this(devices, interfaces, interval, duration, warmup, workDir, heapTargetBytes, simulatorJvmOptions, nodeConfig,
        progressEvery, influx, false, DEFAULT_CHAOS_PERIOD);
  }

  /** An incident a second: over a few minutes, enough raised events for percentiles. */
  public static final Duration DEFAULT_CHAOS_PERIOD = Duration.ofSeconds(1);

  public BenchSettings {
    Objects.requireNonNull(workDir, "workDir");
    simulatorJvmOptions = List.copyOf(simulatorJvmOptions);
    if (devices < 1) {
      throw new IllegalArgumentException("--devices must be at least 1, was " + devices);
    }
    if (interfaces < 1) {
      throw new IllegalArgumentException("--interfaces must be at least 1, was " + interfaces);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--interval must be positive, was " + interval.toSeconds());
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative, was " + warmup.toSeconds());
    }
    if (duration.compareTo(warmup) <= 0) {
      throw new IllegalArgumentException("--duration (" + duration.toSeconds() + "s) must be longer than --warmup ("
          + warmup.toSeconds() + "s): the figures are measured after the warm-up");
    }
    Objects.requireNonNull(chaosPeriod, "chaosPeriod");
    if (chaosPeriod.isNegative() || chaosPeriod.isZero()) {
      throw new IllegalArgumentException("--chaos-period must be positive, was " + chaosPeriod);
    }
    if (heapTargetBytes < 1) {
      throw new IllegalArgumentException("--heap-target-mib must be positive");
    }
  }

  /** The default warm-up: two intervals (connects, then first polls spread over one interval), at least 20 s. */
  public static Duration defaultWarmup(Duration interval) {
    Duration two = interval.multipliedBy(2);
    return two.compareTo(Duration.ofSeconds(20)) < 0 ? Duration.ofSeconds(20) : two;
  }

  /** The measured window: the run after the warm-up. */
  public Duration steadyState() {
    return duration.minus(warmup);
  }
}
