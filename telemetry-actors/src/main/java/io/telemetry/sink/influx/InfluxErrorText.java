package io.telemetry.sink.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The readable part of an InfluxDB error body: 1.x {@code {"error": "..."}}, 2.x
 * {@code {"code": "...", "message": "..."}}, 3.x {@code {"error": "...", "data": [{"error_message": ...}]}};
 * anything else as sent. Shortened so that one bad body cannot flood the log.
 */
final class InfluxErrorText {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_CHARS = 1000;

  private InfluxErrorText() {}

  static String of(String body) {
    String text = body == null ? "" : body.trim();
    if (text.startsWith("{")) {
      try {
        JsonNode json = JSON.readTree(text);
        String message = json.path("message").asText(json.path("error").asText(""));
        JsonNode first = json.path("data").path(0);
        if (first.hasNonNull("error_message")) {
          message = message + ": " + first.get("error_message").asText();
        }
        if (!message.isBlank()) {
          text = message;
        }
      } catch (IOException e) {
        // Not JSON after all: keep the text as sent.
      }
    }
    if (text.isEmpty()) {
      return "(no error text)";
    }
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "..." : text;
  }
}
