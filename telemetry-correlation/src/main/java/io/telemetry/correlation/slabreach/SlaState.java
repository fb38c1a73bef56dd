package io.telemetry.correlation.slabreach;

import io.telemetry.correlation.rules.RecordRef;
import java.util.List;

/**
 * What sla-breach keeps per uplink. Samples behind the watermark are folded into {@code settled}
 * (the run of like samples they end with); newer ones wait in {@code pending}, sorted by time.
 *
 * @param settled    the trailing run of settled samples, null before the first
 * @param pending    samples at or after the watermark, in event-time order
 * @param breach     the breach being reported, null when none is raised
 * @param floorNanos samples at or before this (the last clearing) start no new breach
 */
public record SlaState(Run settled, List<Sample> pending, Breach breach, long floorNanos) {

  public SlaState {
    pending = List.copyOf(pending);
  }

  static SlaState initial() {
    return new SlaState(null, List.of(), null, Long.MIN_VALUE);
  }

  /** One uplink sample; loss or latency may be absent. */
  public record Sample(long timeNanos, boolean breaching, Double lossPercent, Double latencyMs, RecordRef ref) {}

  /**
   * Consecutive samples that all breach, or all do not.
   *
   * @param count how many so far
   * @param first the first of them, as many as raising or clearing cites
   */
  public record Run(boolean breaching, int count, List<Sample> first) {

    public Run {
      first = List.copyOf(first);
    }
  }

  /** A raised breach: its first breaching sample and the sample that completed the run. */
  public record Breach(long openedNanos, long raisedAtNanos) {}
}
