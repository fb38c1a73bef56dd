package io.telemetry.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.host.inventory.SingleInventoryNode;
import io.telemetry.host.process.ChildFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code telemetry targets add|remove|show|list} against a real single node: argument mistakes
 * are usage errors (exit 2) found before anything is sent, what the node refuses is exit 1 with
 * the node's message (naming the target or field), and what succeeds prints the node's answer.
 */
class TargetsCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TABLE_WAIT = Duration.ofSeconds(20);

  @TempDir
  static Path workDir;

  static SingleInventoryNode node;
  static String url;

  @BeforeAll
  static void start() throws Exception {
    node = SingleInventoryNode.start(workDir);
    url = node.management().toString();
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** Exit code, standard output and standard error of one command line. */
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new TargetsCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  // ---- usage errors: exit 2, nothing sent ----------------------------------------------

  @Test
  void noSubcommandIsAUsageError() {
    Run run = run();
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Missing subcommand: list, show, add or remove"), run.err());
  }

  @Test
  void addWithoutIdIsAUsageError() {
    Run run = run("add", "--host", "192.0.2.1", "-m", url);
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("Missing target id: give ID or --json FILE with an \"id\""), run.err());
  }

  @Test
  void addWithoutHostIsAUsageErrorNamingTheTarget() {
    Run run = run("add", "mx1", "--port", "830", "-m", url);
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("target \"mx1\": give --host"), run.err());
  }

  @Test
  void anAttributeWithoutValueIsAUsageError() {
    Run run = run("add", "mx1", "--host", "192.0.2.1", "-a", "site", "-m", url);
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("site"), run.err());
  }

  @Test
  void aFieldGivenAsAttributeIsAUsageError() {
    Run run = run("add", "mx1", "--host", "192.0.2.1", "-a", "port=830", "-m", url);
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("-a port=...: port is a field, not an attribute; use --port"), run.err());
  }

  @Test
  void aPortThatIsNotANumberIsAUsageError() {
    Run run = run("add", "mx1", "--host", "192.0.2.1", "--port", "ssh", "-m", url);
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("--port") && run.err().contains("ssh"), run.err());
  }

  // ---- refused: exit 1 with a message naming the file, target or field ---------------------

  @Test
  void aMissingJsonFileIsNamed() {
    Path missing = workDir.resolve("missing.json");
    Run run = run("add", "mx1", "--json", missing.toString(), "-m", url);
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.err().startsWith("telemetry targets add: cannot read " + missing), run.err());
  }

  @Test
  void aJsonFileThatIsNotAnObjectIsNamed() throws Exception {
    Path file = Files.writeString(workDir.resolve("array.json"), "[{\"id\": \"mx1\"}]");
    Run run = run("add", "--json", file.toString(), "-m", url);
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.err().startsWith("telemetry targets add: " + file + ": expected a JSON object"), run.err());
  }

  @Test
  void aJsonFileWithoutIdOrHostSaysWhichIsMissing() throws Exception {
    Path noId = Files.writeString(workDir.resolve("no-id.json"), "{\"host\": \"192.0.2.1\"}");
    Run run = run("add", "--json", noId.toString(), "-m", url);
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.err().contains(noId + " has no \"id\""), run.err());

    Path noHost = Files.writeString(workDir.resolve("no-host.json"), "{\"id\": \"mx9\"}");
    run = run("add", "--json", noHost.toString(), "-m", url);
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.err().contains("target \"mx9\": " + noHost + " has no \"host\""), run.err());
  }

  @Test
  void aPortTheNodeRefusesShowsTheNodesMessage() {
    Run run = run("add", "mx1", "--host", "192.0.2.1", "--port", "70000", "-m", url);
    assertEquals(1, run.exit(), run.toString());
    assertEquals("telemetry targets add: PUT /telemetry/targets/mx1 (id \"mx1\"): port \"70000\" is not a port number"
        + " (1..65535) (HTTP 400)", run.err().strip());
  }

  @Test
  void removingAnUnknownTargetSaysSo() {
    Run run = run("remove", "no-such-router", "-m", url);
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.err().startsWith("telemetry targets remove: no target \"no-such-router\" in the cluster's table")
        && run.err().strip().endsWith("nothing removed (HTTP 404)"), run.err());
  }

  @Test
  void anUnreachableNodeIsNamed() throws Exception {
    String closed = "http://127.0.0.1:" + ChildFiles.freePort("127.0.0.1");
    Run run = run("list", "-m", closed);
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.err().contains("cannot reach the management endpoint at " + closed + "/telemetry/targets"),
        run.err());
  }

  // ---- the round trip ----------------------------------------------------------------------

  @Test
  void addShowListAndRemove() throws Exception {
    Run add = run("add", "cli-1", "--host", "127.0.0.1", "--port", "9", "-a", "vendor=juniper", "-a", "site=fra2",
        "-m", url);
    assertEquals(0, add.exit(), add.toString());
    assertTrue(add.out().startsWith("target \"cli-1\" recorded on a majority of nodes; it starts with the next table"),
        add.out());

    Run show = awaitRun(r -> r.exit() == 0, "show", "cli-1", "-m", url);
    JsonNode shown = JSON.readTree(show.out());
    assertEquals("runtime", shown.path("origin").asText(), show.out());
    assertEquals(9, shown.path("port").asInt());
    assertEquals("fra2", shown.path("attributes").path("site").asText());

    Run list = run("list", "-m", url);
    assertEquals(0, list.exit(), list.toString());
    assertTrue(list.out().lines().anyMatch(l -> l.matches("cli-1\\s+runtime\\s+127\\.0\\.0\\.1\\s+9\\s+\\S+\\s+"
        + "site=fra2,vendor=juniper")), list.out());
    Run listJson = run("list", "--json", "-m", url);
    assertTrue(JSON.readTree(listJson.out()).path("targets").isArray(), listJson.out());

    Path file = Files.writeString(workDir.resolve("cli-2.json"), "{\"id\": \"cli-2\", \"host\": \"127.0.0.1\", \"vendor\": \"juniper\"}");
    Run fromFile = run("add", "--json", file.toString(), "-a", "role=edge", "-m", url);
    assertEquals(0, fromFile.exit(), fromFile.toString());
    JsonNode second = JSON.readTree(awaitRun(r -> r.exit() == 0, "show", "cli-2", "-m", url).out());
    assertEquals("edge", second.path("attributes").path("role").asText(), second.toString());

    Run remove = run("remove", "cli-1", "-m", url);
    assertEquals(0, remove.exit(), remove.toString());
    assertTrue(remove.out().startsWith("removal of target \"cli-1\" recorded on a majority of nodes"), remove.out());
    Run gone = awaitRun(r -> r.exit() == 1, "show", "cli-1", "-m", url);
    assertTrue(gone.err().startsWith("telemetry targets show: no target \"cli-1\" in the cluster's table"), gone.err());
  }

  private static Run awaitRun(Predicate<Run> done, String... args) throws InterruptedException {
    long deadline = System.nanoTime() + TABLE_WAIT.toNanos();
    Run run = run(args);
    while (!done.test(run)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.join(" ", args) + " did not get there within " + TABLE_WAIT + ": " + run);
      }
      Thread.sleep(100);
      run = run(args);
    }
    return run;
  }
}
