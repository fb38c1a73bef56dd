package io.telemetry.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2025-03-04T10:00:00Z");

  private static Optional<Duration> parse(String header) {
    return RetryAfter.parse(Optional.ofNullable(header), NOW);
  }

  @Test
  void delaySeconds() {
    assertEquals(Optional.of(Duration.ofSeconds(120)), parse("120"));
    assertEquals(Optional.of(Duration.ZERO), parse("0"));
    assertEquals(Optional.of(Duration.ofSeconds(5)), parse(" 5 "));
  }

  @Test
  void httpDateFromNow() {
    // 2025-03-04 was a Tuesday.
    assertEquals(Optional.of(Duration.ofSeconds(90)), parse("Tue, 04 Mar 2025 10:01:30 GMT"));
    assertEquals(Optional.of(Duration.ZERO), parse("Tue, 04 Mar 2025 09:59:00 GMT"), "a date in the past: now");
  }

  @Test
  void absentOrUnreadableIsNoHint() {
    assertEquals(Optional.empty(), parse(null));
    assertEquals(Optional.empty(), parse(""));
    assertEquals(Optional.empty(), parse("soon"));
    assertEquals(Optional.empty(), parse("-5"));
    assertEquals(Optional.empty(), parse("1.5"));
    assertEquals(Optional.empty(), parse("99999999999999999999999"));
  }
}
