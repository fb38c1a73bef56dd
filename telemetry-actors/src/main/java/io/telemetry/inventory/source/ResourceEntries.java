package io.telemetry.inventory.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetry.inventory.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Turns inventory entries (JSON objects, CSV rows, HOCON objects) into {@link Resource}s, one rule
 * for every format: {@code id} and {@code host} are required, {@code port} is optional
 * (1..65535), every other field is an attribute. Attribute values are text (numbers and booleans
 * as written); {@code null} and {@code ""} mean absent. A nested {@code labels} object is read as
 * more attributes (as in {@code telemetry.targets}); any other object or an array is refused.
 * Errors name where the entry is ({@code <source> line N}).
 */
public final class ResourceEntries {

  private final String source;
  private final List<Resource> resources = new ArrayList<>();
  private final Map<String, String> whereById = new HashMap<>();

  /** @param source named in errors, e.g. {@code file:/etc/telemetry/routers.csv} */
  public ResourceEntries(String source) {
    this.source = source;
  }

  /** Reads a JSON array or NDJSON text. */
  public static List<Resource> json(String source, String text) throws InventoryException {
    ResourceEntries entries = new ResourceEntries(source);
    JsonEntries.read(source, text, (line, entry) -> entries.add(source + " line " + line, entry));
    return entries.resources();
  }

  /** Reads a CSV text with a header row. */
  public static List<Resource> csv(String source, String text) throws InventoryException {
    ResourceEntries entries = new ResourceEntries(source);
    CsvEntries.read(source, text, (line, entry) -> entries.add(source + " line " + line, entry));
    return entries.resources();
  }

  /**
   * Adds one entry.
   *
   * @param where how errors name the entry, e.g. {@code file:/x.json line 7}
   */
  public void add(String where, ObjectNode entry) throws InventoryException {
    String id = required(entry, "id", where);
    String host = required(entry, "host", where);
    OptionalInt port = port(entry, where + " (id \"" + id + "\")");
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = entry.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (Resource.RESERVED.contains(field.getKey())) {
        continue;
      }
      if (field.getKey().equals("labels") && field.getValue().isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> labels = field.getValue().fields(); labels.hasNext(); ) {
          Map.Entry<String, JsonNode> label = labels.next();
          if (Resource.RESERVED.contains(label.getKey())) {
            throw new InventoryException(where + ": labels." + label.getKey() + " of \"" + id
                + "\" cannot be a label: id, host and port are fields");
          }
          attribute(attributes, "labels." + label.getKey(), label.getKey(), label.getValue(), where, id);
        }
        continue;
      }
      attribute(attributes, field.getKey(), field.getKey(), field.getValue(), where, id);
    }
    String earlier = whereById.putIfAbsent(id, where);
    if (earlier != null) {
      throw new InventoryException(where + ": duplicate id \"" + id + "\" (first at " + earlier + ")");
    }
    resources.add(new Resource(id, host, port, attributes));
  }

  public List<Resource> resources() {
    return List.copyOf(resources);
  }

  private static void attribute(Map<String, String> attributes, String path, String name, JsonNode value, String where,
      String id) throws InventoryException {
    if (value.isNull()) {
      return;
    }
    if (!value.isValueNode()) {
      throw new InventoryException(where + ": " + path + " of \"" + id + "\" is " + (value.isArray() ? "an array" : "an object")
          + "; attributes are single values (only labels { ... } may nest)");
    }
    String text = value.asText().strip();
    if (!text.isEmpty()) {
      attributes.put(name, text);
    }
  }

  private static String required(ObjectNode entry, String field, String where) throws InventoryException {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull() || (value.isValueNode() && value.asText().isBlank())) {
      throw new InventoryException(where + ": entry has no " + field);
    }
    if (!value.isTextual() && !value.isNumber()) {
      throw new InventoryException(where + ": " + field + " must be a string, not " + value.getNodeType().name().toLowerCase());
    }
    return value.asText().strip();
  }

  private static OptionalInt port(ObjectNode entry, String where) throws InventoryException {
    JsonNode value = entry.get("port");
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      return OptionalInt.empty();
    }
    String text = value.asText().strip();
    if ((!value.isIntegralNumber() && !value.isTextual()) || !text.matches("\\d{1,5}")
        || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
      throw new InventoryException(where + ": port \"" + text + "\" is not a port number (1..65535)");
    }
    return OptionalInt.of(Integer.parseInt(text));
  }
}
