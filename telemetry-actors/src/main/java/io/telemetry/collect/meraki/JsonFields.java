package io.telemetry.collect.meraki;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads fields of API items; {@code where} names the item in error messages. */
final class JsonFields {

  private JsonFields() {}

  /** A non-blank scalar as text, else empty. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
        ? Optional.of(value.asText()) : Optional.empty();
  }

  static String required(JsonNode node, String field, String where) throws MerakiParseException {
    return text(node, field).orElseThrow(() -> new MerakiParseException(where + " has no " + field));
  }

  /** A number, or empty when absent or null (no reading, never 0); anything else is malformed. */
  static Optional<Double> number(JsonNode node, String field, String where) throws MerakiParseException {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isNumber()) {
      throw new MerakiParseException(where + ": " + field + " is not a number: " + value);
    }
    double d = value.asDouble();
    return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
  }

  /** An ISO 8601 timestamp with offset, e.g. {@code 2019-01-31T18:46:13Z}. */
  static Instant timestamp(String text, String where) throws MerakiParseException {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new MerakiParseException(where + ": ts \"" + text + "\" is not an ISO 8601 timestamp");
    }
  }
}
