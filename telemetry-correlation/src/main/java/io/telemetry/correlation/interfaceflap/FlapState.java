package io.telemetry.correlation.interfaceflap;

import io.telemetry.correlation.rules.RecordRef;
import java.util.List;

/**
 * What interface-flap keeps per interface (the changelog value).
 *
 * <p>Records older than the watermark are <em>settled</em>: no record can arrive before them any
 * more, so they are folded into {@code settledStatus} and {@code changes}. Newer records wait in
 * {@code pending}, sorted by event time, because a late one may still land between them.
 *
 * @param settledStatus the oper status of the last settled record, null before the first
 * @param changes       settled changes within the window behind the watermark, in event-time order
 * @param pending       records at or after the watermark, in event-time order
 * @param episode       the flap being reported, null when none is raised
 * @param floorNanos    changes at or before this (the last clearing) count toward no new flap
 */
public record FlapState(
    Integer settledStatus, List<Change> changes, List<Observation> pending, Episode episode, long floorNanos) {

  public FlapState {
    changes = List.copyOf(changes);
    pending = List.copyOf(pending);
  }

  static FlapState initial() {
    return new FlapState(null, List.of(), List.of(), null, Long.MIN_VALUE);
  }

  /** One oper-status reading. */
  public record Observation(long timeNanos, int status, RecordRef ref) {}

  /** A reading whose status differs from the one before it in event-time order. */
  public record Change(long timeNanos, int from, int to, RecordRef ref) {}

  /** A raised flap: when it began and its latest change so far. */
  public record Episode(long openedNanos, Change lastChange) {}
}
