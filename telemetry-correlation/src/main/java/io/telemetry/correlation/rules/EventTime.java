package io.telemetry.correlation.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * Event times as nanoseconds since the epoch. Rule states hold times this way so that their JSON
 * (the changelog) needs no Jackson time module and keeps every nanosecond.
 */
public final class EventTime {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private EventTime() {}

  public static long nanos(Instant time) {
    return Math.addExact(Math.multiplyExact(time.getEpochSecond(), NANOS_PER_SECOND), time.getNano());
  }

  public static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  public static long nanos(Duration duration) {
    return duration.toNanos();
  }

  /** A duration for a person: {@code 10m}, {@code 2m30s}, {@code 1h}, {@code 1.5s}. */
  public static String human(Duration duration) {
    if (duration.toMillis() % 1000 != 0) {
      return duration.toMillis() / 1000.0 + "s";
    }
    long seconds = duration.toSeconds();
    StringBuilder text = new StringBuilder();
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0 || seconds == 0) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }
}
