package io.telemetry.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.telemetry.host.TelemetryCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a {@code telemetry} command in this JVM and keeps what it printed. */
public record Cli(int exit, String out, String err) {

  public static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = TelemetryCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  /** What a command that must succeed printed; fails the test on a non-zero exit, showing its error output. */
  public static String output(String... args) {
    Cli run = run(args);
    assertEquals(0, run.exit(), String.join(" ", args) + " failed: " + run.err());
    return run.out();
  }
}
