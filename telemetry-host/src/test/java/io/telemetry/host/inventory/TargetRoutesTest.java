package io.telemetry.host.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetry.host.inventory.TargetsRoute.Answer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /telemetry/targets} on a real single node: what PUT, GET and DELETE answer, with the
 * status and a message naming the target or the field. Each test uses its own target ids.
 */
class TargetRoutesTest {

  /** The coordinator publishes a change within a second; room for a loaded machine. */
  private static final Duration TABLE_WAIT = Duration.ofSeconds(20);

  @TempDir
  static Path workDir;

  static SingleInventoryNode node;
  static TargetsRoute targets;

  @BeforeAll
  static void start() throws IOException {
    node = SingleInventoryNode.start(workDir);
    targets = new TargetsRoute(node.management(), TABLE_WAIT);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aBodyThatIsNotJsonIs400NamingTheTarget() throws Exception {
    Answer answer = targets.send("PUT", "bad-json", "{\"host\": ");
    assertEquals(400, answer.status(), answer.toString());
    assertTrue(answer.message().startsWith("PUT /telemetry/targets/bad-json: the body is not JSON"), answer.message());
  }

  @Test
  void aBodyThatIsNotAnObjectIs400() throws Exception {
    Answer answer = targets.send("PUT", "an-array", "[{\"host\": \"192.0.2.1\"}]");
    assertEquals(400, answer.status(), answer.toString());
    assertTrue(answer.message().contains("PUT /telemetry/targets/an-array: the body must be a JSON object"),
        answer.message());
  }

  @Test
  void aBodyWithoutHostIs400NamingTheField() throws Exception {
    Answer answer = targets.send("PUT", "no-host", "{\"port\": 830, \"vendor\": \"juniper\"}");
    assertEquals(400, answer.status(), answer.toString());
    assertTrue(answer.message().startsWith("PUT /telemetry/targets/no-host") && answer.message().contains("no host"),
        answer.message());
  }

  @Test
  void aBadPortIs400NamingThePort() throws Exception {
    Answer answer = targets.send("PUT", "bad-port", "{\"host\": \"192.0.2.1\", \"port\": 70000}");
    assertEquals(400, answer.status(), answer.toString());
    assertTrue(answer.message().contains("(id \"bad-port\"): port \"70000\" is not a port number"), answer.message());
  }

  @Test
  void aBodyIdOtherThanThePathsIs400NamingBoth() throws Exception {
    Answer answer = targets.send("PUT", "mx1", "{\"id\": \"mx2\", \"host\": \"192.0.2.1\"}");
    assertEquals(400, answer.status(), answer.toString());
    assertEquals("PUT /telemetry/targets/mx1: the body's id \"mx2\" differs from the path's", answer.message());
    assertEquals(404, targets.send("GET", "mx1", null).status(), "nothing was recorded");
  }

  @Test
  void getOfAnUnknownIdIs404NamingIt() throws Exception {
    Answer answer = targets.send("GET", "nowhere", null);
    assertEquals(404, answer.status(), answer.toString());
    assertTrue(answer.message().startsWith("no target \"nowhere\" in the cluster's table (version "), answer.message());
  }

  @Test
  void deleteOfAnUnknownIdIs404AndHidesNothing() throws Exception {
    Answer answer = targets.send("DELETE", "typo-mx1", null);
    assertEquals(404, answer.status(), answer.toString());
    assertTrue(answer.message().startsWith("no target \"typo-mx1\" in the cluster's table (version ")
        && answer.message().endsWith("nothing removed"), answer.message());
    // Had the removal been recorded, it would hide a target added later under that id.
    assertEquals(202, targets.send("PUT", "typo-mx1", "{\"host\": \"127.0.0.1\", \"port\": 9, \"vendor\": \"juniper\"}")
        .status());
    targets.awaitStatus("typo-mx1", 200);
  }

  @Test
  void anAdditionShowsInTheTableAndARemovalTakesItOut() throws Exception {
    Answer put = targets.send("PUT", "edge 1",
        "{\"host\": \"127.0.0.1\", \"port\": 9, \"vendor\": \"juniper\", \"site\": \"ams1\"}");
    assertEquals(202, put.status(), put.toString());
    assertTrue(put.message().startsWith("target \"edge 1\" recorded on a majority of nodes"), put.message());

    JsonNode shown = targets.awaitStatus("edge 1", 200).body();
    assertEquals("runtime", shown.path("origin").asText(), shown.toString());
    assertEquals("127.0.0.1", shown.path("host").asText());
    assertEquals(9, shown.path("port").asInt());
    assertEquals("ams1", shown.path("attributes").path("site").asText());
    JsonNode table = targets.send("GET", "", null).body();
    assertTrue(table.path("version").asLong() >= shown.path("version").asLong(), table.toString());
    boolean listed = false;
    for (JsonNode t : table.path("targets")) {
      listed |= t.path("id").asText().equals("edge 1");
    }
    assertTrue(listed, "GET /telemetry/targets lists it: " + table);

    Answer delete = targets.send("DELETE", "edge 1", null);
    assertEquals(202, delete.status(), delete.toString());
    assertTrue(delete.message().startsWith("removal of target \"edge 1\" recorded"), delete.message());
    Answer gone = targets.awaitStatus("edge 1", 404);
    assertTrue(gone.message().startsWith("no target \"edge 1\""), gone.message());
  }

  @Test
  void anAdditionNoPolicySelectsIsRejectedAndGetSaysWhy() throws Exception {
    assertEquals(202, targets.send("PUT", "cisco-1", "{\"host\": \"127.0.0.1\", \"vendor\": \"cisco\"}").status());
    Answer rejected = targets.awaitMessage("cisco-1", "no policy");
    assertEquals(404, rejected.status(), rejected.toString());
    assertEquals("target \"cisco-1\" (added at run time): no policy of telemetry.inventory.policies selects it",
        rejected.message());
    // A rejected addition can be taken back.
    assertEquals(202, targets.send("DELETE", "cisco-1", null).status());
    targets.awaitMessage("cisco-1", "no target \"cisco-1\"");
  }
}
