package io.telemetry.host.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A test's requests to one node's {@code /telemetry/targets}: each answers its status and JSON
 * body; the waits poll GET of one target until the coordinator's table answers as expected.
 */
final class TargetsRoute {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Status and the JSON body of one request. */
  record Answer(int status, JsonNode body) {
    String message() {
      return body.path("message").asText();
    }
  }

  private final URI management;
  private final Duration tableWait;

  /** @param tableWait how long the waits give the table to show a change */
  TargetsRoute(URI management, Duration tableWait) {
    this.management = management;
    this.tableWait = tableWait;
  }

  /** {@code method} on {@code /telemetry/targets/<id>} (the whole table for id ""), with a JSON body or none. */
  Answer send(String method, String id, String body) throws Exception {
    String path = id.isEmpty() ? "" : "/" + id.replace(" ", "%20");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(management + "/telemetry/targets" + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  Answer awaitStatus(String id, int status) throws Exception {
    return await(id, answer -> answer.status() == status, "answer " + status);
  }

  Answer awaitMessage(String id, String part) throws Exception {
    return await(id, answer -> answer.message().contains(part), "say \"" + part + "\"");
  }

  private Answer await(String id, Predicate<Answer> expected, String what) throws Exception {
    long deadline = System.nanoTime() + tableWait.toNanos();
    Answer answer = send("GET", id, null);
    while (!expected.test(answer)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("GET " + id + " did not " + what + " within " + tableWait + ": " + answer);
      }
      Thread.sleep(100);
      answer = send("GET", id, null);
    }
    return answer;
  }
}
