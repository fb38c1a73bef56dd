package io.telemetry.simulate;

/** What a simulated device prints for one CLI command on an exec channel, and its exit status. */
record CliReply(String stdout, String stderr, int exitStatus) {

  static CliReply output(String stdout) {
    return new CliReply(stdout, "", 0);
  }

  /** Junos prints command errors as text and still exits 0. */
  static CliReply error(String message) {
    return new CliReply("error: " + message + "\n", "", 0);
  }
}
