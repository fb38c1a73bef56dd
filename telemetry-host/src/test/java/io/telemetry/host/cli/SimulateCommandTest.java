package io.telemetry.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.host.TelemetryCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code telemetry simulate} in-process: start-up progress (devices listening, up to all of them)
 * before {@code ready}, then a status line every {@code --progress} seconds until {@code --duration}
 * ends the run; chaos incidents are counted in the status lines as they are printed.
 */
class SimulateCommandTest {

  private static final Pattern STATUS = Pattern.compile(
      "\\[00:0\\d] sessions open (\\d+) \\(ssh (\\d+)\\) \\| rpcs (\\d+) \\((\\d+)/s\\) \\| cli commands (\\d+)"
          + " \\| chaos events (\\d+)");

  @TempDir
  Path dir;

  private List<String> simulate(int progressSeconds, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new java.util.ArrayList<>(List.of("simulate", "--devices", "3", "--interfaces", "2",
        "--duration", "3", "--progress", Integer.toString(progressSeconds), "--known-hosts", dir.resolve("known_hosts").toString(),
        "--targets-out", dir.resolve("targets.conf").toString()));
    args.addAll(List.of(extra));
    long started = System.nanoTime();
    int exit = TelemetryCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args.toArray(String[]::new));
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertEquals(0, exit, out + "\n" + err);
    assertTrue(seconds >= 3, "ran for --duration 3, took " + seconds + " s");
    return out.toString().lines().toList();
  }

  @Test
  void startUpProgressThenAStatusLineEverySecond() {
    List<String> lines = simulate(1);
    int ready = lines.indexOf("ready");
    assertTrue(ready > 0, "prints ready:\n" + String.join("\n", lines));
    List<String> startUp = lines.subList(0, ready);
    assertTrue(startUp.contains("starting 3 devices..."), String.join("\n", lines));
    assertTrue(startUp.contains("  1/3 devices listening"), "the first device:\n" + String.join("\n", lines));
    assertTrue(startUp.contains("  3/3 devices listening"), "all devices:\n" + String.join("\n", lines));
    assertTrue(startUp.indexOf("  1/3 devices listening") < startUp.indexOf("  3/3 devices listening"));

    List<String> status = lines.subList(ready + 1, lines.size()).stream().filter(l -> STATUS.matcher(l).matches())
        .toList();
    // 3 s with a line a second: 2 or 3 lines, depending on where the last one falls against the end.
    assertTrue(status.size() >= 2 && status.size() <= 3, "status lines:\n" + String.join("\n", lines));
    for (String line : status) {
      Matcher m = STATUS.matcher(line);
      assertTrue(m.matches());
      assertEquals("0", m.group(1), "nobody connected: " + line);
      assertEquals("0", m.group(3), "no RPC served: " + line);
      assertEquals("0", m.group(6), "no chaos without --chaos: " + line);
    }
    assertEquals("stopping 3 devices", lines.get(lines.size() - 1), String.join("\n", lines));
  }

  @Test
  void progressZeroPrintsNoStatusLines() {
    List<String> lines = simulate(0);
    assertTrue(lines.contains("ready"), String.join("\n", lines));
    assertTrue(lines.stream().noneMatch(l -> STATUS.matcher(l).matches()), String.join("\n", lines));
  }

  @Test
  void statusLinesCountTheChaosIncidentsPrintedSoFar() {
    // The first incident comes after two poll intervals (--interval): 200 ms here.
    List<String> lines = simulate(1, "--interval", "100ms", "--chaos", "--chaos-period", "300ms",
        "--chaos-kinds", "flap,spike");
    int incidents = 0;
    int checked = 0;
    for (String line : lines) {
      if (line.startsWith("chaos: ")) {
        incidents++;
      }
      Matcher m = STATUS.matcher(line);
      if (m.matches()) {
        // An incident counted may print just after the count is taken: at most the ones printed, at
        // least the ones printed before the previous status line.
        assertTrue(Long.parseLong(m.group(6)) >= incidents - 1 && Long.parseLong(m.group(6)) <= incidents + 1,
            "chaos events " + m.group(6) + " vs " + incidents + " 'chaos:' lines so far:\n" + String.join("\n", lines));
        checked++;
      }
    }
    assertTrue(checked >= 2, String.join("\n", lines));
    assertTrue(incidents >= 3, "an incident every 300 ms for 3 s:\n" + String.join("\n", lines));
  }
}
