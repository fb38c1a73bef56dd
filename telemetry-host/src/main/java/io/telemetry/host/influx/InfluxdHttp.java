package io.telemetry.host.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The two calls the launcher and its users make to an InfluxDB 1.x server: ping and InfluxQL. */
final class InfluxdHttp {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .build();
  private final URI base;
  private final Duration timeout;

  InfluxdHttp(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
  }

  /** True when {@code GET /ping} answers 204 (the server takes writes and queries). */
  boolean ping() throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/ping")).timeout(Duration.ofSeconds(2)).GET().build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
    } catch (IOException notServing) {
      return false;
    }
  }

  /**
   * Runs InfluxQL with {@code POST /query} (POST: 1.x refuses statements that change anything
   * over GET). Timestamps come back as integer nanoseconds ({@code epoch=ns}).
   *
   * @param database the database the statements run in; empty for none
   * @return the parsed answer, {@code {"results": [{"statement_id": 0, "series": [...]}, ...]}}
   * @throws IllegalStateException when the server answers with an error, naming the query
   */
  JsonNode query(String database, String influxql) {
    String query = "epoch=ns" + (database.isEmpty() ? "" : "&db=" + encode(database));
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/query?" + query))
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("q=" + encode(influxql)))
        .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(what(database, influxql) + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what(database, influxql) + " interrupted", e);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(what(database, influxql) + " answered HTTP " + response.statusCode()
          + " with a body that is not JSON: " + response.body(), e);
    }
    if (response.statusCode() != 200 || answer.has("error")) {
      throw new IllegalStateException(what(database, influxql) + " answered HTTP " + response.statusCode()
          + ": " + answer.path("error").asText(response.body()));
    }
    for (JsonNode result : answer.path("results")) {
      if (result.has("error")) {
        throw new IllegalStateException(what(database, influxql) + " failed in statement "
            + result.path("statement_id").asInt() + ": " + result.get("error").asText());
      }
    }
    return answer;
  }

  private String what(String database, String influxql) {
    return "InfluxQL at " + base + (database.isEmpty() ? "" : " (database " + database + ")") + " [" + influxql + "]";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
