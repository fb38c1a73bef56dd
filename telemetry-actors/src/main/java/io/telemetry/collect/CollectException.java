package io.telemetry.collect;

/**
 * A failed collection step. The message always names the device and the request, so that an
 * operator reading one log line knows which box and which RPC to look at.
 */
public class CollectException extends Exception {

  /** What went wrong, so that the device actor can count errors by kind. */
  public enum Kind {
    /** Could not reach the device (refused, timed out, DNS). */
    CONNECT,
    /** Wrong credentials. */
    AUTH,
    /** Host key unknown or changed. */
    HOST_KEY,
    /** The device answered with something we cannot parse. */
    MALFORMED_REPLY,
    /** The device returned an rpc-error. */
    RPC_ERROR,
    /** No reply within the timeout. */
    TIMEOUT,
    /** The session dropped mid-request. */
    SESSION_LOST
  }

  private final String device;
  private final Kind kind;
  private final boolean sessionBroken;

  public CollectException(String device, Kind kind, String message, boolean sessionBroken, Throwable cause) {
    super("device " + device + ": " + message, cause);
    this.device = device;
    this.kind = kind;
    this.sessionBroken = sessionBroken;
  }

  public CollectException(String device, Kind kind, String message, boolean sessionBroken) {
    this(device, kind, message, sessionBroken, null);
  }

  public String device() {
    return device;
  }

  public Kind kind() {
    return kind;
  }

  /** True when the session can no longer be used and must be reopened. */
  public boolean sessionBroken() {
    return sessionBroken;
  }
}
