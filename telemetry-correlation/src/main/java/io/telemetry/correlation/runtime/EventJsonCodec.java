package io.telemetry.correlation.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.rule.Evidence;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON value of a correlated event record, schema version 1 (docs/schema/events.md,
 * docs/schema/correlated-event-v1.schema.json). Fields in a fixed order, details sorted, times RFC
 * 3339 UTC with nine fraction digits: equal events give equal bytes, so an interrupted and an
 * uninterrupted run write the same values. Thread-safe.
 */
public final class EventJsonCodec {

  public static final int SCHEMA_VERSION = 1;

  private static final DateTimeFormatter RFC_3339_NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final ObjectMapper mapper = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private final JsonFactory factory = mapper.getFactory();

  public byte[] encode(CorrelatedEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator json = factory.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("schema", SCHEMA_VERSION);
      json.writeStringField("event_id", event.eventId());
      json.writeStringField("rule", event.rule());
      json.writeStringField("rule_type", event.ruleType());
      json.writeStringField("key", event.key());
      json.writeStringField("state", event.state().json());
      json.writeStringField("severity", event.severity());
      json.writeStringField("device", event.device());
      json.writeStringField("subject", event.subject());
      json.writeStringField("opened", format(event.opened()));
      if (event.closed() == null) {
        json.writeNullField("closed");
      } else {
        json.writeStringField("closed", format(event.closed()));
      }
      json.writeStringField("summary", event.summary());
      json.writeArrayFieldStart("evidence");
      for (Evidence evidence : event.evidence()) {
        json.writeStartObject();
        json.writeStringField("topic", evidence.topic());
        json.writeNumberField("partition", evidence.partition());
        json.writeNumberField("offset", evidence.offset());
        json.writeStringField("time", format(evidence.time()));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeObjectFieldStart("details");
      for (Map.Entry<String, String> detail : new TreeMap<>(event.details()).entrySet()) {
        json.writeStringField(detail.getKey(), detail.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("rule " + event.rule() + ": cannot encode event " + event.key() + " as JSON", e);
    }
    return out.toByteArray();
  }

  /**
   * Reads one event value.
   *
   * @throws IllegalArgumentException naming the field when the value is not a schema-1 event, or
   *     when its event_id does not match rule, key and opened
   */
  public CorrelatedEvent decode(byte[] value) {
    JsonNode root;
    try {
      root = mapper.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event value is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("event value must be a JSON object");
    }
    JsonNode schema = root.get("schema");
    if (schema == null || !schema.isInt() || schema.intValue() != SCHEMA_VERSION) {
      throw new IllegalArgumentException("event field 'schema' must be " + SCHEMA_VERSION + ", was " + schema);
    }
    String stateText = text(root, "state");
    EventState state = switch (stateText) {
      case "raised" -> EventState.RAISED;
      case "cleared" -> EventState.CLEARED;
      default -> throw new IllegalArgumentException("event field 'state' must be raised or cleared, was " + stateText);
    };
    JsonNode closedNode = root.get("closed");
    Instant closed = closedNode == null || closedNode.isNull() ? null : time(closedNode.asText(), "closed");
    List<Evidence> evidence = new ArrayList<>();
    JsonNode evidenceNode = root.get("evidence");
    if (evidenceNode == null || !evidenceNode.isArray()) {
      throw new IllegalArgumentException("event field 'evidence' must be an array");
    }
    for (JsonNode item : evidenceNode) {
      evidence.add(new Evidence(text(item, "topic"), item.path("partition").asInt(), item.path("offset").asLong(),
          time(text(item, "time"), "evidence.time")));
    }
    Map<String, String> details = new TreeMap<>();
    JsonNode detailsNode = root.get("details");
    if (detailsNode == null || !detailsNode.isObject()) {
      throw new IllegalArgumentException("event field 'details' must be an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = detailsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      details.put(entry.getKey(), entry.getValue().asText());
    }
    CorrelatedEvent event = new CorrelatedEvent(text(root, "rule"), text(root, "rule_type"), text(root, "key"), state,
        text(root, "severity"), text(root, "device"), text(root, "subject"), time(text(root, "opened"), "opened"),
        closed, text(root, "summary"), evidence, details);
    String id = text(root, "event_id");
    if (!id.equals(event.eventId())) {
      throw new IllegalArgumentException("event field 'event_id' " + id + " does not match rule, key and opened ("
          + event.eventId() + ")");
    }
    return event;
  }

  /** RFC 3339 UTC with nine fraction digits, as in metric records. */
  public static String format(Instant time) {
    return RFC_3339_NANOS.format(time);
  }

  private static Instant time(String text, String field) {
    try {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("event field '" + field + "' is not an RFC 3339 time: " + text, e);
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode field = node.get(name);
    if (field == null || !field.isTextual()) {
      throw new IllegalArgumentException("event field '" + name + "' must be a string"
          + (field == null ? " but is missing" : ", was " + field));
    }
    return field.textValue();
  }
}
