package io.telemetry.collect.cli;

import java.util.Optional;

/**
 * Tells a failed command from a successful one before its output is parsed. Junos answers an
 * unknown or failing command with a line starting {@code error:} (first on stdout, or on stderr)
 * and usually exit status 0, so the text is checked as well as the status.
 */
final class CliOutputCheck {

  private static final int SHOWN = 300;

  private CliOutputCheck() {}

  /** Why the command failed, or empty when it did not. */
  static Optional<String> failure(ExecOutput output) {
    if (output.exitSignal() != null) {
      return Optional.of("killed by signal " + output.exitSignal() + detail(output));
    }
    if (output.exitStatus().isPresent() && output.exitStatus().getAsInt() != 0) {
      return Optional.of("exited with status " + output.exitStatus().getAsInt() + detail(output));
    }
    Optional<String> errorLine = errorLine(output.stderr());
    if (errorLine.isPresent()) {
      return errorLine;
    }
    return firstLine(output.stdout()).filter(CliOutputCheck::isErrorLine);
  }

  private static String detail(ExecOutput output) {
    String text = !output.stderr().isBlank() ? output.stderr() : output.stdout();
    return text.isBlank() ? "" : ": " + shorten(text.strip());
  }

  private static Optional<String> errorLine(String text) {
    return text.lines().map(String::strip).filter(CliOutputCheck::isErrorLine).findFirst().map(CliOutputCheck::shorten);
  }

  private static Optional<String> firstLine(String text) {
    return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().map(CliOutputCheck::shorten);
  }

  private static boolean isErrorLine(String line) {
    return line.startsWith("error:") || line.startsWith("syntax error") || line.startsWith("unknown command");
  }

  /** At most a few hundred characters of device text in an error message. */
  static String shorten(String text) {
    String oneLine = text.replaceAll("\\s*\\R\\s*", " | ");
    return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN) + "...";
  }
}
