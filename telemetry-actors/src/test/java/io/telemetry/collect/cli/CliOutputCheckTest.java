package io.telemetry.collect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CliOutputCheckTest {

  private static ExecOutput out(String stdout, String stderr, Integer status) {
    return new ExecOutput(stdout, stderr, status == null ? OptionalInt.empty() : OptionalInt.of(status), null);
  }

  @Test
  void cleanOutputPasses() {
    assertEquals(Optional.empty(), CliOutputCheck.failure(out("<rpc-reply/>\n", "", 0)));
    assertEquals(Optional.empty(), CliOutputCheck.failure(out("a=1\n", "", null)), "no exit status sent");
  }

  @Test
  void aNonZeroExitStatusFailsAndQuotesStderr() {
    assertEquals(Optional.of("exited with status 127: sh: show: not found"),
        CliOutputCheck.failure(out("", "sh: show: not found\n", 127)));
    assertEquals(Optional.of("exited with status 1"), CliOutputCheck.failure(out("", "", 1)));
  }

  @Test
  void aSignalFails() {
    assertEquals(Optional.of("killed by signal KILL"),
        CliOutputCheck.failure(new ExecOutput("", "", OptionalInt.empty(), "KILL")));
  }

  @Test
  void anErrorLineFailsEvenWithStatusZero() {
    assertEquals(Optional.of("error: syntax error, expecting <command>: shw"),
        CliOutputCheck.failure(out("\n  error: syntax error, expecting <command>: shw\n", "", 0)));
    assertEquals(Optional.of("error: permission denied"),
        CliOutputCheck.failure(out("<rpc-reply/>", "warning: x\nerror: permission denied\n", 0)));
    assertEquals(Optional.of("syntax error, expecting <command>."),
        CliOutputCheck.failure(out("syntax error, expecting <command>.\n", "", 0)));
  }

  @Test
  void anErrorWordLaterInTheOutputIsData() {
    // e.g. an interface description; only the first line (or stderr) carries command errors
    assertEquals(Optional.empty(), CliOutputCheck.failure(out("a=1\nerror: in a description\n", "", 0)));
  }
}
