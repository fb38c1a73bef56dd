package io.telemetry.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.inventory.Resource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ResourceEntriesTest {

  private static final String SOURCE = "file:/etc/telemetry/routers";

  private static final Resource MX1 = new Resource("mx1", "192.0.2.1", OptionalInt.of(830),
      Map.of("vendor", "juniper", "site", "ams1"));
  private static final Resource MX2 = new Resource("mx2", "192.0.2.2", Map.of("vendor", "juniper", "slots", "4"));

  private static String jsonError(String text) {
    return assertThrows(InventoryException.class, () -> ResourceEntries.json(SOURCE, text)).getMessage();
  }

  private static String csvError(String text) {
    return assertThrows(InventoryException.class, () -> ResourceEntries.csv(SOURCE, text)).getMessage();
  }

  @Test
  void readsAJsonArray() throws Exception {
    assertEquals(List.of(MX1, MX2), ResourceEntries.json(SOURCE, """
        [
          {"id": "mx1", "host": "192.0.2.1", "port": 830, "vendor": "juniper", "site": "ams1"},
          {"id": "mx2", "host": "192.0.2.2", "vendor": "juniper", "slots": 4, "owner": null, "role": ""}
        ]"""));
  }

  @Test
  void readsNdjsonWithNestedLabels() throws Exception {
    assertEquals(List.of(MX1, MX2), ResourceEntries.json(SOURCE,
        "{\"id\": \"mx1\", \"host\": \"192.0.2.1\", \"port\": \"830\", \"vendor\": \"juniper\", \"labels\": {\"site\": \"ams1\"}}\n"
            + "\n"
            + "{\"id\": \"mx2\", \"host\": \"192.0.2.2\", \"vendor\": \"juniper\", \"slots\": 4}\n"));
  }

  @Test
  void readsCsvWithAHeaderRowQuotesAndEmptyCells() throws Exception {
    assertEquals(List.of(MX1, MX2, new Resource("r3", "192.0.2.3", Map.of("site", "fra2, hall 3"))),
        ResourceEntries.csv(SOURCE, """
            id,host,port,vendor,site,slots
            # comment lines and blank lines are skipped

            mx1,192.0.2.1,830,juniper,ams1,
            mx2, 192.0.2.2 ,,juniper,,4
            r3,192.0.2.3,,,"fra2, hall 3",
            """));
  }

  @Test
  void badJsonEntriesNameTheLine() {
    assertEquals(SOURCE + " line 3: entry has no host", jsonError("""
        [
          {"id": "mx1", "host": "192.0.2.1"},
          {"id": "mx2"}
        ]"""));
    assertEquals(SOURCE + " line 2: entry has no id", jsonError("{\"id\": \"mx1\", \"host\": \"h\"}\n{\"host\": \"h\"}"));
    assertEquals(SOURCE + " line 2 (id \"mx2\"): port \"70000\" is not a port number (1..65535)",
        jsonError("{\"id\": \"mx1\", \"host\": \"h\"}\n{\"id\": \"mx2\", \"host\": \"h\", \"port\": 70000}"));
    assertEquals(SOURCE + " line 1: tags of \"mx1\" is an array; attributes are single values (only labels { ... } may nest)",
        jsonError("{\"id\": \"mx1\", \"host\": \"h\", \"tags\": [\"a\"]}"));
    assertEquals(SOURCE + " line 3: duplicate id \"mx1\" (first at " + SOURCE + " line 1)",
        jsonError("{\"id\": \"mx1\", \"host\": \"a\"}\n{\"id\": \"mx2\", \"host\": \"b\"}\n{\"id\": \"mx1\", \"host\": \"c\"}"));
    assertTrue(jsonError("{\"id\": \"mx1\", \"host\": \"a\"}\n{\"id\": \"mx2\", host: \"b\"}")
        .startsWith(SOURCE + " line 2: not valid JSON: "));
  }

  @Test
  void badCsvRowsNameTheLine() {
    assertEquals(SOURCE + " line 3: entry has no host", csvError("""
        id,host,vendor
        mx1,192.0.2.1,juniper
        mx2,,juniper
        """));
    assertEquals(SOURCE + " line 4 (id \"mx3\"): port \"eight\" is not a port number (1..65535)", csvError("""
        id,host,port
        mx1,192.0.2.1,830
        mx2,192.0.2.2,
        mx3,192.0.2.3,eight
        """));
    assertEquals(SOURCE + " line 1: column \"host\" appears twice in the header", csvError("id,host,host\na,b,c\n"));
    String tooMany = csvError("id,host\nmx1,192.0.2.1\nmx2,192.0.2.2,extra\n");
    assertTrue(tooMany.startsWith(SOURCE + " line 3: not valid CSV: "), tooMany);
    String empty = csvError("");
    assertTrue(empty.contains("header row"), empty);
  }
}
