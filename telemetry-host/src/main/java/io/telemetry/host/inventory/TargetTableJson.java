package io.telemetry.host.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetry.inventory.cluster.TargetTable;

/**
 * The JSON of {@code GET /telemetry/targets} and {@code GET /telemetry/targets/{id}}. A table holds
 * no secrets (credentials come from each node's config), so everything in it may be shown.
 */
public final class TargetTableJson {

  static final ObjectMapper JSON = new ObjectMapper();

  private TargetTableJson() {}

  public static String table(TargetTable table) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", table.version());
    root.put("inventoryError", table.inventory());
    ArrayNode targets = root.putArray("targets");
    table.entries().forEach(e -> targets.add(entry(e)));
    ObjectNode rejected = root.putObject("rejected");
    table.rejected().forEach(rejected::put);
    return root.toString();
  }

  public static String entry(TargetTable table, TargetTable.Entry entry) {
    ObjectNode node = entry(entry);
    node.put("version", table.version());
    return node.toString();
  }

  private static ObjectNode entry(TargetTable.Entry e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", e.id());
    node.put("origin", e.origin());
    node.put("host", e.host());
    if (e.port() != null) {
      node.put("port", e.port());
    }
    node.put("shard", e.shard());
    node.put("weight", e.weight());
    ObjectNode attributes = node.putObject("attributes");
    new java.util.TreeMap<>(e.attributes()).forEach(attributes::put);
    return node;
  }

  static String message(String text) {
    ObjectNode node = JSON.createObjectNode();
    node.put("message", text);
    return node.toString();
  }
}
