package io.telemetry.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.host.TelemetryCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code telemetry config check FILE} exits 0/1/2 and prints one line per problem; every command
 * that takes a config file ({@code run}, {@code correlate}, {@code events tail}, {@code bench},
 * {@code bench influx-ceiling}) or builds one for its node ({@code demo}, {@code bench},
 * {@code bench failover}) refuses a broken one before starting anything, printing the same lines,
 * exit 2.
 */
class ConfigCheckCommandTest {

  private static final Path DIR = Path.of("src/test/resources/config-check");

  private record Result(int exit, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = TelemetryCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void brokenFileExitsOneWithALinePerProblemAndASummary() {
    Path file = DIR.resolve("nested-unknown-key.conf");
    Result result = run("config", "check", file.toString());
    assertEquals(1, result.exit(), result.out() + result.err());
    List<String> lines = result.outLines();
    assertEquals(4, lines.size(), result.out());
    assertTrue(lines.get(0).startsWith(file + ":4: telemetry.kafka.bootstrap-servrs: "), lines.get(0));
    assertTrue(lines.get(1).startsWith(file + ":10: telemetry.targets[0].hostname: "), lines.get(1));
    assertTrue(lines.get(2).startsWith(file + ":14: telemetry.targets[0].collectors[0].proc-dir: "), lines.get(2));
    assertEquals(file + ": 3 problems", lines.get(3));
  }

  @Test
  void unparseableFileExitsTwoWithTheParseErrorsLine() {
    Path file = DIR.resolve("syntax-error.conf");
    Result result = run("config", "check", file.toString());
    assertEquals(2, result.exit(), result.out() + result.err());
    assertTrue(result.outLines().get(0).startsWith(file + ":7: "), result.out());
  }

  @Test
  void cleanFileExitsZero() {
    Result result = run("config", "check", DIR.resolve("clean.conf").toString());
    assertEquals(0, result.exit(), result.out() + result.err());
    assertTrue(result.out().contains("OK"), result.out());
  }

  @Test
  void jsonReportNamesPathsAndLines() throws Exception {
    Result result = run("config", "check", "--json", DIR.resolve("unknown-credentials.conf").toString());
    assertEquals(1, result.exit(), result.out() + result.err());
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertEquals(false, json.get("ok").asBoolean());
    assertEquals(1, json.get("problems").size());
    assertEquals("telemetry.inventory.policies[1].credentials", json.get("problems").get(0).get("path").asText());
    assertEquals(8, json.get("problems").get(0).get("line").asInt());
  }

  @Test
  void runRefusesABrokenConfigWithTheSameLinesAndExitTwo() {
    Path file = DIR.resolve("wrong-type.conf");
    Result check = run("config", "check", file.toString());
    Result started = run("run", "--config", file.toString());
    assertEquals(2, started.exit(), started.out() + started.err());
    assertEquals(check.outLines(), started.err().lines().toList(), "run prints what config check prints");
    assertTrue(started.err().contains(file + ":3: telemetry.defaults.interval: "), started.err());
  }

  @Test
  void correlateRefusesABrokenConfigWithExitTwo() {
    Path file = DIR.resolve("unknown-rule-type.conf");
    Result started = run("correlate", "--all", "--config", file.toString());
    assertEquals(2, started.exit(), started.out() + started.err());
    assertTrue(started.err().contains(file + ":11: telemetry.correlation.rules.flaps.type: "), started.err());
  }

  @TempDir
  Path tmp;

  /** Exit 2, the lines of config check on standard error, and nothing started (no work folder made). */
  private Result refused(Path workDir, String... args) {
    Result started = run(args);
    assertEquals(2, started.exit(), started.out() + started.err());
    assertFalse(Files.exists(workDir), "nothing started: " + workDir + " was created");
    return started;
  }

  @Test
  void eventsTailRefusesABrokenConfigWithTheSameLinesAndExitTwo() {
    Path file = DIR.resolve("wrong-type.conf");
    Result check = run("config", "check", file.toString());
    Result started = run("events", "tail", "--topic", "telemetry.events.x", "--timeout", "1", "--config", file.toString());
    assertEquals(2, started.exit(), started.out() + started.err());
    assertEquals(check.outLines(), started.err().lines().toList(), "events tail prints what config check prints");
  }

  @Test
  void benchRefusesABrokenConfigFileBeforeStartingAnything() {
    Path file = DIR.resolve("wrong-type.conf");
    Path workDir = tmp.resolve("bench");
    Result started = refused(workDir, "bench", "--devices", "2", "--duration", "30", "--warmup", "5",
        "--config", file.toString(), "--work-dir", workDir.toString());
    assertTrue(started.err().contains(file + ":4: telemetry.pipeline.entry-capacity: "), started.err());
  }

  @Test
  void benchChecksTheNodeConfigItBuildsOnTheFile() {
    Path file = DIR.resolve("influx-batch-zero.conf");
    assertEquals(0, run("config", "check", file.toString()).exit(), "clean while the sink is off");
    Path workDir = tmp.resolve("bench");
    Result started = refused(workDir, "bench", "--devices", "2", "--duration", "30", "--warmup", "5", "--influx",
        "--config", file.toString(), "--work-dir", workDir.toString());
    assertTrue(started.err().contains(file + ":4: telemetry.influx.batch-points: "), started.err());
  }

  @Test
  void benchInfluxCeilingRefusesABrokenConfig() {
    Path file = DIR.resolve("nested-unknown-key.conf");
    Path workDir = tmp.resolve("bench-influx");
    Result started = refused(workDir, "bench", "influx-ceiling", "--config", file.toString(),
        "--work-dir", workDir.toString());
    assertTrue(started.err().contains(file + ":4: telemetry.kafka.bootstrap-servrs: "), started.err());
  }

  @Test
  void benchFailoverChecksTheNodeConfigItGenerates() {
    Path workDir = tmp.resolve("bench-failover");
    // A poll interval of 0 s passes the option parsing and is refused by the target loader.
    Result started = refused(workDir, "bench", "failover", "--nodes", "3", "--devices", "3", "--interval", "0",
        "--work-dir", workDir.toString());
    assertTrue(started.err().startsWith("bench failover node config: telemetry.targets[0].collectors[0].interval: "),
        started.err());
  }

  @Test
  void demoChecksTheNodeConfigItBuildsBeforeStartingAnything() {
    Path workDir = tmp.resolve("demo");
    // --influx-url becomes telemetry.influx.url of the node's config, which only takes http(s).
    Result started = refused(workDir, "demo", "--devices", "2", "--duration", "5", "--influx-url", "ftp://example.com",
        "--work-dir", workDir.toString());
    assertTrue(started.err().startsWith("demo node config: telemetry.influx.url: "), started.err());
    assertEquals("demo node config: 1 problem", started.err().lines().reduce((a, b) -> b).orElse(""), started.err());
  }
}
