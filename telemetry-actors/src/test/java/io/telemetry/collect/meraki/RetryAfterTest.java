package io.telemetry.collect.meraki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void readsSecondsAndHttpDates() {
    assertEquals(Optional.of(Duration.ofSeconds(2)), RetryAfter.parse(Optional.of(" 2 "), NOW));
    assertEquals(Optional.of(Duration.ofMillis(1500)), RetryAfter.parse(Optional.of("1.5"), NOW));
    assertEquals(Optional.of(Duration.ofSeconds(30)),
        RetryAfter.parse(Optional.of("Sat, 01 Mar 2025 10:00:30 GMT"), NOW));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(Optional.of("Sat, 01 Mar 2025 09:00:00 GMT"), NOW));
  }

  @Test
  void absentOrUnreadableIsEmpty() {
    assertEquals(Optional.empty(), RetryAfter.parse(Optional.empty(), NOW));
    assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("soon"), NOW));
    assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("-1"), NOW));
  }
}
