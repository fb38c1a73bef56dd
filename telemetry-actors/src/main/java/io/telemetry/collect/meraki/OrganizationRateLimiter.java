package io.telemetry.collect.meraki;

import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket for one Meraki organization, shared by every collector of the organization on
 * this node. Each request reserves the next free slot (first come, first served) and sleeps
 * until it; a 429 pauses the whole organization until its Retry-After has passed. Thread-safe:
 * device actors of the same organization call it from different blocking-I/O threads.
 */
public final class OrganizationRateLimiter {

  private final String organization;
  private final RateLimitSettings settings;
  private final Ticker ticker;
  private final long intervalNanos;

  // Guarded by this.
  private double stored;
  private long nextFreeNanos;
  private long pausedUntilNanos;

  OrganizationRateLimiter(String organization, RateLimitSettings settings, Ticker ticker) {
    this.organization = Objects.requireNonNull(organization, "organization");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.intervalNanos = Math.max(1, (long) (1e9 / settings.requestsPerSecond()));
    this.stored = settings.burst();
    this.nextFreeNanos = ticker.nanoTime();
    this.pausedUntilNanos = nextFreeNanos;
  }

  public String organization() {
    return organization;
  }

  /**
   * Waits for this organization's next request slot.
   *
   * @param maxWait how long the caller may wait at most
   * @return how long it waited
   * @throws RateLimitWaitException when the slot (or the end of a pause) is further away than {@code maxWait}
   * @throws InterruptedException  when interrupted while waiting
   */
  public Duration acquire(Duration maxWait) throws RateLimitWaitException, InterruptedException {
    long start = ticker.nanoTime();
    long deadline = start + maxWait.toNanos();
    while (true) {
      long at = reserve();
      if (at > deadline) {
        throw new RateLimitWaitException(describeWait(at - ticker.nanoTime(), maxWait));
      }
      ticker.sleepNanos(at - ticker.nanoTime());
      // A 429 seen by another collector while this one slept pauses this request too.
      if (!paused()) {
        return Duration.ofNanos(ticker.nanoTime() - start);
      }
    }
  }

  /** After a 429: no request of the organization starts before {@code wait} has passed. */
  public synchronized void pauseFor(Duration wait) {
    long until = ticker.nanoTime() + wait.toNanos();
    pausedUntilNanos = Math.max(pausedUntilNanos, until);
    nextFreeNanos = Math.max(nextFreeNanos, pausedUntilNanos);
    stored = 0;
  }

  private synchronized long reserve() {
    long now = ticker.nanoTime();
    if (now > nextFreeNanos) {
      stored = Math.min(settings.burst(), stored + (double) (now - nextFreeNanos) / intervalNanos);
      nextFreeNanos = now;
    }
    if (stored >= 1) {
      stored -= 1;
      return nextFreeNanos;
    }
    nextFreeNanos += intervalNanos;
    return nextFreeNanos;
  }

  /** Whether the organization is paused after a 429 right now. */
  synchronized boolean paused() {
    return ticker.nanoTime() < pausedUntilNanos;
  }

  private synchronized String describeWait(long waitNanos, Duration maxWait) {
    boolean paused = ticker.nanoTime() < pausedUntilNanos;
    return "organization " + organization + ": no request slot within max-wait " + maxWait + " (next in "
        + Duration.ofMillis(Math.max(0, waitNanos / 1_000_000)) + (paused ? "; paused after HTTP 429 Retry-After" : "")
        + "; budget " + settings.requestsPerSecond() + " requests/s, burst " + settings.burst() + ")";
  }

  /** The wait for a slot would exceed what the caller allows. */
  public static final class RateLimitWaitException extends Exception {
    RateLimitWaitException(String message) {
      super(message);
    }
  }
}
