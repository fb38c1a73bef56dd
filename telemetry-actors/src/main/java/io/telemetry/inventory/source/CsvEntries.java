package io.telemetry.inventory.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the rows of a CSV inventory (RFC 4180 quoting, first row = column names) as entries, each
 * with the line it starts on, through jackson-dataformat-csv. Empty cells are left out of the
 * entry, so an empty cell is the same as an absent attribute. Lines starting with {@code #} and
 * blank lines are skipped.
 */
public final class CsvEntries {

  private static final CsvMapper CSV = CsvMapper.builder()
      .enable(CsvParser.Feature.TRIM_SPACES)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .enable(CsvParser.Feature.ALLOW_COMMENTS)
      .build();
  private static final CsvSchema HEADER = CsvSchema.emptySchema().withHeader();

  private CsvEntries() {}

  public static void read(String source, String text, JsonEntries.Handler handler) throws InventoryException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body.isBlank()) {
      throw new InventoryException(source + ": empty; a CSV inventory starts with a header row (id,host,...)");
    }
    try (CsvParser parser = (CsvParser) CSV.reader(HEADER).createParser(body)) {
      boolean headerChecked = false;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (!headerChecked) {
          checkHeader(source, parser.getSchema());
          headerChecked = true;
        }
        // A row's START_OBJECT is reported where the previous row ended; its first cell is where it starts.
        token = parser.nextToken();
        int line = token == JsonToken.FIELD_NAME ? parser.currentTokenLocation().getLineNr()
            : parser.currentLocation().getLineNr();
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
          String column = parser.currentName();
          parser.nextToken();
          String value = parser.getText();
          if (!value.isEmpty()) {
            entry.put(column, value);
          }
        }
        handler.entry(line, entry);
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InventoryException(source + " line " + line + ": not valid CSV: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InventoryException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void checkHeader(String source, CsvSchema schema) throws InventoryException {
    Set<String> seen = new HashSet<>();
    for (CsvSchema.Column column : schema) {
      if (column.getName().isBlank()) {
        throw new InventoryException(source + " line 1: column " + (column.getIndex() + 1) + " of the header has no name");
      }
      if (!seen.add(column.getName())) {
        throw new InventoryException(source + " line 1: column \"" + column.getName() + "\" appears twice in the header");
      }
    }
  }
}
