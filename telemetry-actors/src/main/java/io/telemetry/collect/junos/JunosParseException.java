package io.telemetry.collect.junos;

/**
 * A Junos reply that cannot be read: not well-formed XML, or not the document the RPC returns.
 * The collector turns it into a {@code CollectException} of kind MALFORMED_REPLY that names the
 * device and the RPC.
 */
public class JunosParseException extends Exception {

  public JunosParseException(String message) {
    super(message);
  }

  public JunosParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
