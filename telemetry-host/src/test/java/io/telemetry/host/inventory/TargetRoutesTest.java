package io.telemetry.host.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** The coordinator publishes a change within a second; room for a loaded machine. */
  private static final Duration TABLE_WAIT = Duration.ofSeconds(20);

  @TempDir
  static Path workDir;

  static SingleInventoryNode node;

  @BeforeAll
  static void start() throws IOException {
    node = SingleInventoryNode.start(workDir);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** Status and the JSON body of one request. */
  private record Answer(int status, JsonNode body) {
    String message() {
      return body.path("message").asText();
    }
  }

  @Test
  void aBodyThatIsNotJsonIs400NamingTheTarget() throws Exception {
    Answer answer = send("PUT", "bad-json", "{\"host\": ");
    assertEquals(400, answer.status(), answer.toString());
    assertTrue(answer.message().startsWith("PUT /telemetry/targets/bad-json: the body is not JSON"), answer.message());
  }

  @Test
  void aBodyThatIsNotAnObjectIs400() throws Exception {
    Answer answer = send("PUT", "an-array", "[{\"host\": \"192.0.2.1\"}]");
    assertEquals(400, answer.status(), answer.toString());
    assertTrue(answer.message().contains("PUT /telemetry/targets/an-array: the body must be a JSON object"),
        answer.message());
  }

  @Test
  void aBodyWithoutHostIs400NamingTheField() throws Exception {
    Answer answer = send("PUT", "no-host", "{\"port\": 830, \"vendor\": \"juniper\"}");
    assertEquals(400, answer.status(), answer.toString());
    assertTrue(answer.message().startsWith("PUT /telemetry/targets/no-host") && answer.message().contains("no host"),
        answer.message());
  }

  @Test
  void aBadPortIs400NamingThePort() throws Exception {
    Answer answer = send("PUT", "bad-port", "{\"host\": \"192.0.2.1\", \"port\": 70000}");
    assertEquals(400, answer.status(), answer.toString());
    assertTrue(answer.message().contains("(id \"bad-port\"): port \"70000\" is not a port number"), answer.message());
  }

  @Test
  void aBodyIdOtherThanThePathsIs400NamingBoth() throws Exception {
    Answer answer = send("PUT", "mx1", "{\"id\": \"mx2\", \"host\": \"192.0.2.1\"}");
    assertEquals(400, answer.status(), answer.toString());
    assertEquals("PUT /telemetry/targets/mx1: the body's id \"mx2\" differs from the path's", answer.message());
    assertEquals(404, send("GET", "mx1", null).status(), "nothing was recorded");
  }

  @Test
  void getOfAnUnknownIdIs404NamingIt() throws Exception {
    Answer answer = send("GET", "nowhere", null);
    assertEquals(404, answer.status(), answer.toString());
    assertTrue(answer.message().startsWith("no target \"nowhere\" in the cluster's table (version "), answer.message());
  }

  @Test
  void deleteOfAnUnknownIdIs404AndHidesNothing() throws Exception {
    Answer answer = send("DELETE", "typo-mx1", null);
    assertEquals(404, answer.status(), answer.toString());
    assertTrue(answer.message().startsWith("no target \"typo-mx1\" in the cluster's table (version ")
        && answer.message().endsWith("nothing removed"), answer.message());
    // Had the removal been recorded, it would hide a target added later under that id.
    assertEquals(202, send("PUT", "typo-mx1", "{\"host\": \"127.0.0.1\", \"port\": 9, \"vendor\": \"juniper\"}")
        .status());
    awaitStatus("typo-mx1", 200);
  }

  @Test
  void anAdditionShowsInTheTableAndARemovalTakesItOut() throws Exception {
    Answer put = send("PUT", "edge 1", "{\"host\": \"127.0.0.1\", \"port\": 9, \"vendor\": \"juniper\", \"site\": \"ams1\"}");
    assertEquals(202, put.status(), put.toString());
    assertTrue(put.message().startsWith("target \"edge 1\" recorded on a majority of nodes"), put.message());

    JsonNode shown = awaitStatus("edge 1", 200).body();
    assertEquals("runtime", shown.path("origin").asText(), shown.toString());
    assertEquals("127.0.0.1", shown.path("host").asText());
    assertEquals(9, shown.path("port").asInt());
    assertEquals("ams1", shown.path("attributes").path("site").asText());
    JsonNode table = send("GET", "", null).body();
    assertTrue(table.path("version").asLong() >= shown.path("version").asLong(), table.toString());
    boolean listed = false;
    for (JsonNode t : table.path("targets")) {
      listed |= t.path("id").asText().equals("edge 1");
    }
    assertTrue(listed, "GET /telemetry/targets lists it: " + table);

    Answer delete = send("DELETE", "edge 1", null);
    assertEquals(202, delete.status(), delete.toString());
    assertTrue(delete.message().startsWith("removal of target \"edge 1\" recorded"), delete.message());
    Answer gone = awaitStatus("edge 1", 404);
    assertTrue(gone.message().startsWith("no target \"edge 1\""), gone.message());
  }

  @Test
  void anAdditionNoPolicySelectsIsRejectedAndGetSaysWhy() throws Exception {
    assertEquals(202, send("PUT", "cisco-1", "{\"host\": \"127.0.0.1\", \"vendor\": \"cisco\"}").status());
    Answer rejected = awaitMessage("cisco-1", "no policy");
    assertEquals(404, rejected.status(), rejected.toString());
    assertEquals("target \"cisco-1\" (added at run time): no policy of telemetry.inventory.policies selects it",
        rejected.message());
    // A rejected addition can be taken back.
    assertEquals(202, send("DELETE", "cisco-1", null).status());
    awaitMessage("cisco-1", "no target \"cisco-1\"");
  }

  private static Answer awaitStatus(String id, int status) throws Exception {
    long deadline = System.nanoTime() + TABLE_WAIT.toNanos();
    Answer answer = send("GET", id, null);
    while (answer.status() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("GET " + id + " did not answer " + status + " within " + TABLE_WAIT + ": " + answer);
      }
      Thread.sleep(100);
      answer = send("GET", id, null);
    }
    return answer;
  }

  private static Answer awaitMessage(String id, String part) throws Exception {
    long deadline = System.nanoTime() + TABLE_WAIT.toNanos();
    Answer answer = send("GET", id, null);
    while (!answer.message().contains(part)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("GET " + id + " did not say \"" + part + "\" within " + TABLE_WAIT + ": " + answer);
      }
      Thread.sleep(100);
      answer = send("GET", id, null);
    }
    return answer;
  }

  private static Answer send(String method, String id, String body) throws Exception {
    String path = id.isEmpty() ? "" : "/" + id.replace(" ", "%20");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.management() + "/telemetry/targets" + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }
}
