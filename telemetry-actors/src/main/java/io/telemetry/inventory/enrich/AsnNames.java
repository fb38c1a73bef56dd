package io.telemetry.inventory.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetry.inventory.source.CsvEntries;
import io.telemetry.inventory.source.InventoryException;
import io.telemetry.inventory.source.JsonEntries;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Autonomous system numbers to names, e.g. {@code 13335 -> CLOUDFLARENET}, read from a JSON array,
 * NDJSON or CSV (header {@code asn,name}) of entries {@code {"asn": 13335, "name": "CLOUDFLARENET"}}.
 * {@code asn} is a number or {@code "AS13335"} (1..4294967295); a later entry for the same ASN
 * replaces an earlier one. Immutable.
 */
public final class AsnNames {

  private static final Pattern ASN = Pattern.compile("(?i)(?:AS)?(\\d{1,10})");
  private static final long MAX_ASN = 4_294_967_295L;

  private final Map<Long, String> names;

  private AsnNames(Map<Long, String> names) {
    this.names = Map.copyOf(names);
  }

  public static AsnNames empty() {
    return new AsnNames(Map.of());
  }

  /** @param csv whether the text is CSV (else a JSON array or NDJSON) */
  public static AsnNames parse(String source, String text, boolean csv) throws InventoryException {
    Map<Long, String> names = new HashMap<>();
    JsonEntries.Handler add = (line, entry) -> {
      String where = source + " line " + line;
      long asn = asn(entry.get("asn"), where);
      JsonNode name = entry.get("name");
      if (name == null || !name.isValueNode() || name.asText().isBlank()) {
        throw new InventoryException(where + ": entry for AS" + asn + " has no name");
      }
      names.put(asn, name.asText().strip());
    };
    if (csv) {
      CsvEntries.read(source, text, add);
    } else {
      JsonEntries.read(source, text, add);
    }
    return new AsnNames(names);
  }

  public Optional<String> name(long asn) {
    return Optional.ofNullable(names.get(asn));
  }

  public int size() {
    return names.size();
  }

  private static long asn(JsonNode value, String where) throws InventoryException {
    if (value == null || value.isNull()) {
      throw new InventoryException(where + ": entry has no asn");
    }
    Matcher m = ASN.matcher(value.asText().strip());
    if (!value.isValueNode() || !m.matches() || Long.parseLong(m.group(1)) < 1 || Long.parseLong(m.group(1)) > MAX_ASN) {
      throw new InventoryException(where + ": asn \"" + value.asText() + "\" is not an AS number (1..4294967295, or AS<n>)");
    }
    return Long.parseLong(m.group(1));
  }
}
