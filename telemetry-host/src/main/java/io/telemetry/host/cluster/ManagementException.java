package io.telemetry.host.cluster;

/** A management endpoint could not be reached or refused a request; the message names its URL. */
public final class ManagementException extends RuntimeException {

  private final int status;
  private final String body;

  public ManagementException(String message) {
    this(message, 0, "");
  }

  public ManagementException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.body = "";
  }

  /** An answer other than 2xx: its status and body (for callers that show the node's own words). */
  public ManagementException(String message, int status, String body) {
    super(message);
    this.status = status;
    this.body = body;
  }

  /** The HTTP status the node answered, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** The body of that answer ("" when there was none). */
  public String body() {
    return body;
  }
}
