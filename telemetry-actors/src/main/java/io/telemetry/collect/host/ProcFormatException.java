package io.telemetry.collect.host;

/** A {@code /proc} file does not look as the kernel writes it. The message names the file and line. */
public final class ProcFormatException extends Exception {
  public ProcFormatException(String message) {
    super(message);
  }
}
