package io.telemetry.host.cluster;

/** A management endpoint could not be reached or refused a request; the message names its URL. */
public final class ManagementException extends RuntimeException {

  public ManagementException(String message) {
    super(message);
  }

  public ManagementException(String message, Throwable cause) {
    super(message, cause);
  }
}
