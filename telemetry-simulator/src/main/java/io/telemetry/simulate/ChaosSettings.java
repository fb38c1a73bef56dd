package io.telemetry.simulate;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How often and how {@link FleetChaos} disturbs the fleet. Build one with {@link #defaults} and
 * the {@code with...} methods.
 *
 * @param period             time between incidents
 * @param firstIncidentAfter time from start to the first incident
 * @param pollInterval       the collectors' poll interval; flaps are spaced 1.5 of it apart so a
 *                           poller sees every state
 * @param kinds              the kinds of incident to stage (one is picked at random each time)
 * @param seed               seed of the random choices: one seed, one sequence of incidents
 * @param flapChanges        oper-status changes per flap (even: the link ends up)
 * @param linkDownFor        how long a failed link stays down
 * @param bgpDownFor         how long a dropped BGP session stays down
 * @param spikeLoad          fraction of the link speed during a utilization spike
 * @param spikeFor           how long a spike lasts
 */
public record ChaosSettings(
    Duration period,
    Duration firstIncidentAfter,
    Duration pollInterval,
    Set<ChaosKind> kinds,
    long seed,
    int flapChanges,
    Duration linkDownFor,
    Duration bgpDownFor,
    double spikeLoad,
    Duration spikeFor) {

  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(20);
  /** Longer than the sustained-utilization rule's default duration (5m), so it fires. */
  public static final Duration DEFAULT_SPIKE_FOR = Duration.ofMinutes(6);
  public static final double DEFAULT_SPIKE_LOAD = 0.95;
  public static final long DEFAULT_SEED = 1;

  public ChaosSettings {
    positive("period", period);
    Objects.requireNonNull(firstIncidentAfter, "firstIncidentAfter");
    if (firstIncidentAfter.isNegative()) {
      throw new IllegalArgumentException("chaos firstIncidentAfter must not be negative, was " + firstIncidentAfter);
    }
    positive("pollInterval", pollInterval);
    Objects.requireNonNull(kinds, "kinds");
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("chaos kinds must name at least one kind of incident");
    }
    kinds = Set.copyOf(kinds);
    if (flapChanges < 2 || flapChanges % 2 != 0) {
      throw new IllegalArgumentException("chaos flapChanges must be even and at least 2 (the link ends up), was "
          + flapChanges);
    }
    positive("linkDownFor", linkDownFor);
    positive("bgpDownFor", bgpDownFor);
    if (!(spikeLoad > 0 && spikeLoad <= 1)) {
      throw new IllegalArgumentException("chaos spikeLoad must be a fraction of the link speed in (0, 1], was "
          + spikeLoad);
    }
    positive("spikeFor", spikeFor);
  }

  /**
   * For collectors polling every {@code pollInterval}: an incident every 20 s of any kind, the
   * first after two polls (the pollers have seen the healthy state), 4-change flaps, links down
   * for 4 polls, BGP sessions for 3, spikes at 95% for 6 minutes, seed 1.
   */
  public static ChaosSettings defaults(Duration pollInterval) {
    positive("pollInterval", pollInterval);
    return new ChaosSettings(DEFAULT_PERIOD, pollInterval.multipliedBy(2), pollInterval,
        EnumSet.allOf(ChaosKind.class), DEFAULT_SEED, 4, pollInterval.multipliedBy(4), pollInterval.multipliedBy(3),
        DEFAULT_SPIKE_LOAD, DEFAULT_SPIKE_FOR);
  }

  /** Time between two changes of a flap: 1.5 poll intervals, so a poller sees each state. */
  public Duration flapSpacing() {
    return pollInterval.multipliedBy(3).dividedBy(2);
  }

  public ChaosSettings withPeriod(Duration value) {
    return new ChaosSettings(value, firstIncidentAfter, pollInterval, kinds, seed, flapChanges, linkDownFor,
        bgpDownFor, spikeLoad, spikeFor);
  }

  public ChaosSettings withFirstIncidentAfter(Duration value) {
    return new ChaosSettings(period, value, pollInterval, kinds, seed, flapChanges, linkDownFor, bgpDownFor,
        spikeLoad, spikeFor);
  }

  public ChaosSettings withKinds(Set<ChaosKind> value) {
    return new ChaosSettings(period, firstIncidentAfter, pollInterval, value, seed, flapChanges, linkDownFor,
        bgpDownFor, spikeLoad, spikeFor);
  }

  public ChaosSettings withSeed(long value) {
    return new ChaosSettings(period, firstIncidentAfter, pollInterval, kinds, value, flapChanges, linkDownFor,
        bgpDownFor, spikeLoad, spikeFor);
  }

  public ChaosSettings withFlapChanges(int value) {
    return new ChaosSettings(period, firstIncidentAfter, pollInterval, kinds, seed, value, linkDownFor, bgpDownFor,
        spikeLoad, spikeFor);
  }

  public ChaosSettings withLinkDownFor(Duration value) {
    return new ChaosSettings(period, firstIncidentAfter, pollInterval, kinds, seed, flapChanges, value, bgpDownFor,
        spikeLoad, spikeFor);
  }

  public ChaosSettings withBgpDownFor(Duration value) {
    return new ChaosSettings(period, firstIncidentAfter, pollInterval, kinds, seed, flapChanges, linkDownFor, value,
        spikeLoad, spikeFor);
  }

  public ChaosSettings withSpike(double load, Duration lasting) {
    return new ChaosSettings(period, firstIncidentAfter, pollInterval, kinds, seed, flapChanges, linkDownFor,
        bgpDownFor, load, lasting);
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("chaos " + name + " must be positive, was " + value);
    }
  }
}
