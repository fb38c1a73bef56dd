package io.telemetry.collect.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetry.inventory.source.InventoryException;
import io.telemetry.inventory.source.JsonEntries;
import java.util.Optional;

/**
 * Reads an inventory: a JSON array of entries, or NDJSON (one entry per line). The format is told
 * by the first non-blank character ({@code [} is an array). Each entry is an object:
 *
 * <pre>{"ip_address": "10.1.2.3" or "10.0.0.0/8" or "2001:db8::/32", "hostgroup": "...", "domain": "..."}</pre>
 *
 * <p>{@code ip_address} is required; at least one of {@code hostgroup} and {@code domain} must be
 * non-empty (an entry with neither adds nothing). Other fields are ignored, so an inventory
 * exported from a CMDB can carry more. A later entry for the same address or network replaces an
 * earlier one. One bad entry rejects the whole inventory (the caller keeps the last good one),
 * with an error naming the source and the line.
 */
public final class InventoryParser {

  private InventoryParser() {}

  /**
   * @param source named in errors, e.g. {@code file:/etc/telemetry/inventory.json}
   */
  public static AddressTable<HostInfo> parse(String source, String text) throws InventoryException {
    AddressTable.Builder<HostInfo> table = AddressTable.builder();
    JsonEntries.read(source, text, (line, entry) -> add(source, line, entry, table));
    return table.build();
  }

  private static void add(String source, int line, JsonNode entry, AddressTable.Builder<HostInfo> table)
      throws InventoryException {
    String where = source + " line " + line;
    String address = text(entry, "ip_address", where)
        .orElseThrow(() -> new InventoryException(where + ": entry has no ip_address"));
    HostInfo info = new HostInfo(text(entry, "hostgroup", where).orElse(""), text(entry, "domain", where).orElse(""));
    if (info.hostgroup().isEmpty() && info.domain().isEmpty()) {
      throw new InventoryException(where + ": entry for " + address + " has neither hostgroup nor domain");
    }
    int slash = address.indexOf('/');
    if (slash < 0) {
      IpAddress ip = IpAddress.parse(address).orElseThrow(() ->
          new InventoryException(where + ": ip_address \"" + address + "\" is not an IP address or CIDR network"));
      table.exact(ip, info);
      return;
    }
    String lengthText = address.substring(slash + 1);
    // Written in IPv6 form, an IPv4-mapped network (::ffff:10.0.0.0/104) is the IPv4 network /8.
    boolean v6Text = address.substring(0, slash).indexOf(':') >= 0;
    Optional<IpAddress> network = IpAddress.parse(address.substring(0, slash));
    if (network.isEmpty() || !lengthText.matches("\\d{1,3}")) {
      throw new InventoryException(where + ": ip_address \"" + address + "\" is not an IP address or CIDR network");
    }
    int length = Integer.parseInt(lengthText) - (v6Text && network.get().isV4() ? 96 : 0);
    if (length < 0 || length > network.get().bitLength()) {
      throw new InventoryException(where + ": ip_address \"" + address + "\" has a prefix length outside 0.."
          + (v6Text ? 128 : 32));
    }
    table.prefix(network.get(), length, info);
  }

  private static Optional<String> text(JsonNode entry, String field, String where) throws InventoryException {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new InventoryException(where + ": " + field + " must be a string, not " + value.getNodeType().name().toLowerCase());
    }
    String text = value.asText().strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
