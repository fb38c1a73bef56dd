package io.telemetry.host.config;

import java.util.Objects;

/**
 * One mistake in a configuration: where it is and what is wrong.
 *
 * @param file    the file holding the setting (the checked file when no origin is known)
 * @param line    1-based line in {@code file}, or -1 when Typesafe Config gives none
 * @param path    the setting's path, e.g. {@code telemetry.targets[2].collectors[0].interval}; empty for
 *                syntax errors
 * @param message what is wrong, without the path
 */
public record ConfigProblem(String file, int line, String path, String message) {

  public ConfigProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** {@code FILE:LINE: path: message} (without {@code :LINE} when the line is unknown, without the path when empty). */
  public String render() {
    return file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
