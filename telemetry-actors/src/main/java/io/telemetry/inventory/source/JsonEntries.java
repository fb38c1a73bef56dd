package io.telemetry.inventory.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads the entries of an inventory text: a JSON array of objects, or NDJSON (one object per
 * line, blank lines skipped). The format is told by the first non-blank character ({@code [} is an
 * array); a leading byte-order mark is ignored. Each entry is handed over with the line it starts
 * on, so that every error can name the source and the line.
 */
public final class JsonEntries {

  /** Takes one entry; throws naming {@code source line N} for a bad one. */
  @FunctionalInterface
  public interface Handler {
    void entry(int line, ObjectNode entry) throws InventoryException;
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  /** An NDJSON line holds one value; within an array the parser reads on after each entry. */
  private static final ObjectReader LINE = JSON.readerFor(JsonNode.class)
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonEntries() {}

  /**
   * @param source named in errors, e.g. {@code file:/etc/telemetry/inventory.json}
   */
  public static void read(String source, String text, Handler handler) throws InventoryException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body.stripLeading().startsWith("[")) {
      readArray(source, body, handler);
    } else {
      readLines(source, body, handler);
    }
  }

  private static void readArray(String source, String body, Handler handler) throws InventoryException {
    try (JsonParser parser = JSON.createParser(body)) {
      parser.nextToken(); // START_ARRAY
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        int line = parser.currentTokenLocation().getLineNr();
        if (token == null) {
          throw new InventoryException(source + " line " + line + ": the JSON array is not closed");
        }
        if (token != JsonToken.START_OBJECT) {
          throw new InventoryException(source + " line " + line + ": expected an entry object, found " + describe(token));
        }
        handler.entry(line, (ObjectNode) JSON.readTree(parser));
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new InventoryException(source + " line " + parser.currentTokenLocation().getLineNr()
            + ": unexpected " + describe(trailing) + " after the JSON array");
      }
    } catch (JsonProcessingException e) {
      throw new InventoryException(source + " line " + line(e) + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InventoryException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void readLines(String source, String body, Handler handler) throws InventoryException {
    String[] lines = body.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int line = i + 1;
      if (lines[i].isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = LINE.readValue(lines[i]);
      } catch (JsonProcessingException e) {
        throw new InventoryException(source + " line " + line + ": not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (!node.isObject()) {
        throw new InventoryException(source + " line " + line + ": expected an entry object, found " + node.getNodeType()
            .name().toLowerCase());
      }
      handler.entry(line, (ObjectNode) node);
    }
  }

  private static int line(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    return location == null ? 0 : location.getLineNr();
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
    };
  }
}
