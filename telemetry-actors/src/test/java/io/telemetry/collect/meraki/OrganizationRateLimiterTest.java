package io.telemetry.collect.meraki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrganizationRateLimiterTest {

  /** Time moves only when somebody sleeps. */
  static final class FakeTicker implements Ticker {
    long now = 1_000_000_000L;

    @Override
    public synchronized long nanoTime() {
      return now;
    }

    @Override
    public synchronized void sleepNanos(long nanos) {
      now += Math.max(0, nanos);
    }

    synchronized double seconds() {
      return (now - 1_000_000_000L) / 1e9;
    }
  }

  private final FakeTicker ticker = new FakeTicker();

  private OrganizationRateLimiter limiter(double perSecond, int burst) {
    return new OrganizationRateLimiters(new RateLimitSettings(perSecond, burst), ticker).forOrganization("549236");
  }

  @Test
  void aBurstGoesAtOnceThenTheRateHolds() throws Exception {
    OrganizationRateLimiter limiter = limiter(10, 10);
    List<Double> grants = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      limiter.acquire(Duration.ofMinutes(1));
      grants.add(ticker.seconds());
    }
    assertEquals(0.0, grants.get(9), "the first 10 go at once");
    assertEquals(0.1, grants.get(10), 1e-9, "then one every 100 ms");
    assertEquals(2.0, grants.get(29), 1e-9, "30 requests in 2 s: Meraki allows 10/s plus a burst of 10");
  }

  @Test
  void aQuietSpellRefillsTheBucketUpToTheBurst() throws Exception {
    OrganizationRateLimiter limiter = limiter(10, 3);
    for (int i = 0; i < 3; i++) {
      limiter.acquire(Duration.ofMinutes(1));
    }
    ticker.sleepNanos(Duration.ofSeconds(10).toNanos());
    double before = ticker.seconds();
    for (int i = 0; i < 3; i++) {
      limiter.acquire(Duration.ofMinutes(1));
    }
    assertEquals(before, ticker.seconds(), "3 stored tokens, not 100");
    limiter.acquire(Duration.ofMinutes(1));
    assertEquals(before + 0.1, ticker.seconds(), 1e-9);
  }

  @Test
  void aPauseHoldsEveryRequestUntilItEnds() throws Exception {
    OrganizationRateLimiter limiter = limiter(10, 10);
    limiter.acquire(Duration.ofMinutes(1));
    limiter.pauseFor(Duration.ofSeconds(5));
    limiter.acquire(Duration.ofMinutes(1));
    assertTrue(ticker.seconds() >= 5.0, "waited out the pause: " + ticker.seconds());
    assertTrue(ticker.seconds() <= 5.1 + 1e-9, "and not much longer: " + ticker.seconds());
  }

  @Test
  void aSlotBeyondMaxWaitIsRefusedSayingWhy() {
    OrganizationRateLimiter limiter = limiter(10, 10);
    limiter.pauseFor(Duration.ofSeconds(60));
    OrganizationRateLimiter.RateLimitWaitException e = assertThrows(OrganizationRateLimiter.RateLimitWaitException.class,
        () -> limiter.acquire(Duration.ofSeconds(30)));
    assertTrue(e.getMessage().startsWith("organization 549236: no request slot within max-wait PT30S"), e.getMessage());
    assertTrue(e.getMessage().contains("paused after HTTP 429"), e.getMessage());
    assertEquals(0.0, ticker.seconds(), "refused at once, without waiting");
  }

  @Test
  void oneLimiterPerOrganization() {
    OrganizationRateLimiters limiters = new OrganizationRateLimiters(RateLimitSettings.MERAKI_DEFAULT, ticker);
    assertSame(limiters.forOrganization("1"), limiters.forOrganization("1"));
    assertNotSame(limiters.forOrganization("1"), limiters.forOrganization("2"));
  }

  @Test
  void threadsSharingALimiterKeepToItsRate() throws Exception {
    OrganizationRateLimiter limiter =
        new OrganizationRateLimiters(new RateLimitSettings(50, 1), Ticker.SYSTEM).forOrganization("x");
    List<Long> grants = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        try {
          for (int i = 0; i < 10; i++) {
            limiter.acquire(Duration.ofSeconds(10));
            grants.add(System.nanoTime());
          }
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    List<Long> sorted = grants.stream().sorted().toList();
    assertEquals(40, sorted.size());
    // 40 requests at 50/s with a burst of 1: at least 39 intervals of 20 ms.
    Duration span = Duration.ofNanos(sorted.get(39) - sorted.get(0));
    assertTrue(span.toMillis() >= 760, "40 grants spanned " + span);
  }
}
