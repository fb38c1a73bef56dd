package io.telemetry.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.host.cli.DemoCommand;
import io.telemetry.it.support.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code telemetry demo} runs the correlation rules against the simulated fleet with chaos on it:
 * with a flap or a link failure every second, interface-flap and link-failure events are read
 * back from their event topics (read_committed) and printed, each naming a device the chaos
 * disturbed; and the demo stops cleanly when told to (as on Ctrl-C).
 */
class CorrelationDemoIT {

  /** An event line: time, state, severity, rule, device, subject, summary. */
  private static final Pattern EVENT = Pattern.compile(
      "(?m)^event: (\\S+Z) (raised|cleared) +(\\w+) +([\\w-]+) (sim-\\d{4}) (.+?)  (.+)$");
  private static final Pattern CHAOS = Pattern.compile("(?m)^chaos: (?:flapping|link failure) (sim-\\d{4}) ");

  @TempDir
  Path workDir;

  @Test
  void flapsAndLinkFailuresOfTheChaosArePrintedAsEvents() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    DemoCommand demo = new DemoCommand();
    CompletableFuture<Integer> exit;
    System.setOut(new PrintStream(new TeeStream(captured, original), true, StandardCharsets.UTF_8));
    try {
      // --duration only bounds the run should stop() never be called.
      exit = CompletableFuture.supplyAsync(() -> new CommandLine(demo).execute("--devices", "4", "--interfaces", "4",
          "--interval", "1", "--chaos-period", "1s", "--chaos-kinds", "flap,link-failure", "--duration", "150",
          "--work-dir", workDir.toString()));
      Await.until("an interface-flap and a link-failure event printed", Duration.ofSeconds(75),
          () -> raisedRules(output(captured)).containsAll(List.of("interface-flap", "link-failure")),
          () -> "; exit " + (exit.isDone() ? exit.join() : "(running)") + ", output:\n" + output(captured));
      demo.stop();
      assertEquals(0, exit.get(60, TimeUnit.SECONDS), output(captured));
    } finally {
      demo.stop();
      System.setOut(original);
    }
    String output = output(captured);
    assertTrue(output.contains("correlation rules (events in telemetry.events.interface-flap,"
        + " telemetry.events.sustained-utilization, telemetry.events.link-failure"), "names the rules:\n" + output);
    assertTrue(output.contains("sla-breach and new-dependency are not run"), "says which rules do not run:\n" + output);
    assertTrue(output.trim().endsWith("stopped."), "stops cleanly:\n" + output);
    startUpStepsInOrderBeforeTheProgress(output);

    List<String> disturbed = CHAOS.matcher(output).results().map(m -> m.group(1)).distinct().toList();
    Matcher events = EVENT.matcher(output);
    int checked = 0;
    while (events.find()) {
      String rule = events.group(4);
      String severity = events.group(3);
      assertEquals(rule.equals("link-failure") ? "critical" : rule.equals("interface-flap") ? "major" : "warning",
          severity, "the demo config's severity of " + rule + ": " + events.group());
      assertTrue(disturbed.contains(events.group(5)), "an event on a device the chaos disturbed " + disturbed + ": "
          + events.group());
      if (rule.equals("link-failure") && events.group(2).equals("raised")) {
        assertTrue(events.group(6).matches("\\S+ / \\S+"), "subject 'interface / peer': " + events.group());
        assertTrue(events.group(7).contains("went down and BGP session"), events.group());
      }
      if (rule.equals("interface-flap") && events.group(2).equals("raised")) {
        assertTrue(events.group(7).contains("is flapping: 3 oper-status changes within 12s"), events.group());
      }
      checked++;
    }
    assertTrue(checked >= 2, "event lines:\n" + output);
  }

  /** Each start-up step as it happens, in order, all before the first periodic progress line. */
  private static void startUpStepsInOrderBeforeTheProgress(String output) {
    List<String> lines = output.lines().toList();
    int at = -1;
    for (String step : List.of("  Kafka broker: starting", "  Kafka broker: started at 127.0.0.1:",
        "  simulated fleet: starting 4 devices x 4 interfaces", "  simulated fleet: 4/4 devices listening",
        "  node: starting (4 targets)", "  node: started as local-node, 4 targets", "  correlation: started",
        // One line when every device delivered at once, more (x/4 first) otherwise: the last one counts.
        "  waiting for the first deliveries: devices up 4/4")) {
      int next = -1;
      for (int i = at + 1; i < lines.size() && next < 0; i++) {
        if (lines.get(i).startsWith(step)) {
          next = i;
        }
      }
      assertTrue(next > at, "start-up step '" + step + "' after line " + at + ":\n" + output);
      at = next;
    }
    int firstProgress = -1;
    for (int i = 0; i < lines.size() && firstProgress < 0; i++) {
      if (lines.get(i).matches("\\[\\d\\d:\\d\\d] devices up .*")) {
        firstProgress = i;
      }
    }
    assertTrue(firstProgress > at, "the periodic progress comes after the start-up steps:\n" + output);
  }

  private static List<String> raisedRules(String output) {
    return EVENT.matcher(output).results().filter(m -> m.group(2).equals("raised")).map(m -> m.group(4)).toList();
  }

  private static String output(ByteArrayOutputStream captured) {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  /** Writes to two streams: the test reads one, the console shows the other. */
  private static final class TeeStream extends OutputStream {
    private final ByteArrayOutputStream first;
    private final OutputStream second;

    TeeStream(ByteArrayOutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      synchronized (first) {
        first.write(b);
      }
      second.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      synchronized (first) {
        first.write(bytes, offset, length);
      }
      second.write(bytes, offset, length);
    }
  }
}
