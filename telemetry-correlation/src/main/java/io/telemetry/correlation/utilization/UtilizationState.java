package io.telemetry.correlation.utilization;

import io.telemetry.correlation.rules.RecordRef;
import java.util.List;

/**
 * What sustained-utilization keeps per interface: per direction, the run of like samples the
 * settled samples (behind the watermark) end with and the event being reported; samples at or
 * after the watermark wait in {@code pending}, sorted by time.
 */
public record UtilizationState(Direction in, Direction out, List<Sample> pending) {

  public UtilizationState {
    pending = List.copyOf(pending);
  }

  static UtilizationState initial() {
    return new UtilizationState(Direction.INITIAL, Direction.INITIAL, List.of());
  }

  /** Where a utilization lies against the thresholds. */
  public enum Level { ABOVE, BETWEEN, BELOW }

  /** One sample: utilization in % per direction (null when its rate is missing) and the speed. */
  public record Sample(long timeNanos, Double inPercent, Double outPercent, double speedBps, RecordRef ref) {}

  /** Consecutive samples of one level, from {@code start}. */
  public record Run(Level level, RecordRef start) {}

  /** A raised event: when the level went above and the sample that completed the duration. */
  public record Raised(long openedNanos, long raisedAtNanos) {}

  /**
   * @param settled    the run the settled samples end with, null before the first
   * @param raised     the event being reported, null when none
   * @param floorNanos runs starting at or before this (the last clearing) raise nothing
   */
  public record Direction(Run settled, Raised raised, long floorNanos) {
    static final Direction INITIAL = new Direction(null, null, Long.MIN_VALUE);
  }
}
