package io.telemetry.sink.influx;

import java.time.Duration;
import java.util.Optional;

/** What became of one write request, as the sink acts on it. */
sealed interface WriteResult {

  /** 2xx: every line was stored. */
  record Written() implements WriteResult {}

  /**
   * 5xx, 408, 429, a connection error or a timeout: worth retrying the same request.
   *
   * @param retryAfter the server's {@code Retry-After}, when it sent one
   */
  record Transient(String reason, Optional<Duration> retryAfter) implements WriteResult {}

  /** 400, 413 or 422: something in the body was refused; smaller requests isolate it. */
  record BadData(int status, String serverText) implements WriteResult {}

  /** Any other 4xx (401, 403, 404, ...): the sink's configuration does not fit the server. */
  record Refused(int status, String serverText) implements WriteResult {}
}
