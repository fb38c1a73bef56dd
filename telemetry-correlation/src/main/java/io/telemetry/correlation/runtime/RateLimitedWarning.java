package io.telemetry.correlation.runtime;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * WARNs limited to {@code burst} per interval, telling how many were suppressed, so a flood of
 * late or malformed records cannot flood the log. Used from one actor or stage at a time.
 */
final class RateLimitedWarning {

  private final Logger log;
  private final long intervalNanos;
  private final int burst;
  private long windowStart;
  private int inWindow;
  private long suppressed;
  private boolean started;

  RateLimitedWarning(Logger log, Duration interval, int burst) {
    this.log = log;
    this.intervalNanos = interval.toNanos();
    this.burst = burst;
  }

  void warn(String message) {
    long now = System.nanoTime();
    if (!started || now - windowStart >= intervalNanos) {
      started = true;
      windowStart = now;
      inWindow = 0;
    }
    if (inWindow >= burst) {
      suppressed++;
      return;
    }
    inWindow++;
    if (suppressed > 0) {
      log.warn("{} ({} similar warning(s) suppressed before this one)", message, suppressed);
      suppressed = 0;
    } else {
      log.warn(message);
    }
  }
}
