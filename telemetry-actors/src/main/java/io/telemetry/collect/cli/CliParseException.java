package io.telemetry.collect.cli;

/**
 * Output of a command that cannot be read. The collector turns it into a
 * {@code CollectException} of kind MALFORMED_REPLY naming the device and the command.
 */
public class CliParseException extends Exception {

  public CliParseException(String message) {
    super(message);
  }

  public CliParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
