package io.telemetry.collect.meraki;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} header: delay-seconds (what Meraki sends) or an HTTP date. */
final class RetryAfter {

  private RetryAfter() {}

  static Optional<Duration> parse(Optional<String> header, Instant now) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    try {
      if (value.matches("\\d{1,9}")) {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      }
      if (value.matches("\\d{1,9}\\.\\d+")) { // not in the RFC, but seen in the wild
        return Optional.of(Duration.ofMillis((long) Math.ceil(Double.parseDouble(value) * 1000)));
      }
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(now, at);
      return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
    } catch (DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
