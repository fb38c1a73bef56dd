package io.telemetry.host.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node in this JVM (its own one-node cluster): run-time changes made through
 * {@code /telemetry/targets} are back after the node stops and starts again on the same
 * {@code telemetry.inventory.overlay-dir}, and a second node on that folder is refused at start.
 * (Two node JVMs, a removed inventory target and delivery: ClusterInventoryIT.)
 */
class OverlayDurabilityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** The coordinator publishes a change within a second; room for a loaded machine. */
  private static final Duration TABLE_WAIT = Duration.ofSeconds(30);

  @TempDir
  Path workDir;

  @Test
  void runTimeChangesAreBackAfterTheNodeRestartsOnItsFolder() throws Exception {
    try (SingleInventoryNode node = SingleInventoryNode.start(workDir)) {
      assertEquals(202, send(node, "PUT", "kept-1", "{\"host\": \"127.0.0.1\", \"port\": 9, \"vendor\": \"juniper\","
          + " \"site\": \"ams1\"}").status());
      assertEquals(202, send(node, "PUT", "dropped-1", "{\"host\": \"127.0.0.1\", \"port\": 9, \"vendor\": \"juniper\"}")
          .status());
      awaitStatus(node, "kept-1", 200);
      awaitStatus(node, "dropped-1", 200);
      assertEquals(202, send(node, "DELETE", "dropped-1", null).status());
      awaitStatus(node, "dropped-1", 404);

      ConfigException refused = assertThrows(ConfigException.class, () -> SingleInventoryNode.start(workDir),
          "a second node on the same folder");
      assertTrue(refused.getMessage().contains("telemetry.inventory.overlay-dir"), refused.getMessage());
      assertTrue(refused.getMessage().contains("is in use by another node (node inventory-routes, pid "),
          refused.getMessage());
    }
    assertTrue(Files.isDirectory(workDir.resolve("inventory-overlay")), "the overlay folder is where the node was told");

    try (SingleInventoryNode again = SingleInventoryNode.start(workDir)) {
      JsonNode kept = awaitStatus(again, "kept-1", 200).body();
      assertEquals("runtime", kept.path("origin").asText(), kept.toString());
      assertEquals("ams1", kept.path("attributes").path("site").asText(), kept.toString());
      JsonNode table = send(again, "GET", "", null).body();
      table.path("targets").forEach(t -> assertTrue(!t.path("id").asText().equals("dropped-1"),
          "the removed target is back: " + table));
    }
  }

  private record Answer(int status, JsonNode body) {}

  private static Answer awaitStatus(SingleInventoryNode node, String id, int status) throws Exception {
    long deadline = System.nanoTime() + TABLE_WAIT.toNanos();
    Answer answer = send(node, "GET", id, null);
    while (answer.status() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("GET " + id + " did not answer " + status + " within " + TABLE_WAIT + ": " + answer);
      }
      Thread.sleep(100);
      answer = send(node, "GET", id, null);
    }
    return answer;
  }

  private static Answer send(SingleInventoryNode node, String method, String id, String body) throws Exception {
    String path = id.isEmpty() ? "" : "/" + id;
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
