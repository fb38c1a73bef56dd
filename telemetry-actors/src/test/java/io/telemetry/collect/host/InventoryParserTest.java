package io.telemetry.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.inventory.source.InventoryException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InventoryParserTest {

  private static final String SOURCE = "file:/etc/telemetry/inventory.json";

  @Test
  void readsAJsonArray() throws Exception {
    AddressTable<HostInfo> inventory = InventoryParser.parse(SOURCE, """
        [
          {"ip_address": "10.1.2.3", "hostgroup": "payments-api", "domain": "payments.service.consul"},
          {"ip_address": "10.0.0.0/8", "hostgroup": "datacenter"},
          {"ip_address": "2001:db8::/32", "domain": "lab.example.net", "owner": "netops"}
        ]
        """);
    assertEquals(3, inventory.size());
    assertEquals(Optional.of(new HostInfo("payments-api", "payments.service.consul")), inventory.lookup(ip("10.1.2.3")));
    assertEquals(Optional.of(new HostInfo("datacenter", "")), inventory.lookup(ip("10.1.2.4")));
    assertEquals(Optional.of(new HostInfo("", "lab.example.net")), inventory.lookup(ip("2001:db8:5::1")));
  }

  @Test
  void readsNdjsonSkippingBlankLines() throws Exception {
    AddressTable<HostInfo> inventory = InventoryParser.parse(SOURCE,
        "{\"ip_address\": \"10.1.2.3\", \"hostgroup\": \"payments-api\"}\r\n"
            + "\n"
            + "{\"ip_address\": \"10.1.0.0/16\", \"hostgroup\": \"payments\", \"domain\": null}\n");
    assertEquals(2, inventory.size());
    assertEquals(Optional.of(new HostInfo("payments-api", "")), inventory.lookup(ip("10.1.2.3")));
    assertEquals(Optional.of(new HostInfo("payments", "")), inventory.lookup(ip("10.1.9.9")));
  }

  @Test
  void anIpv4MappedNetworkIsTheIpv4Network() throws Exception {
    AddressTable<HostInfo> inventory = InventoryParser.parse(SOURCE,
        "[{\"ip_address\": \"::ffff:10.0.0.0/104\", \"hostgroup\": \"ten\"}]");
    assertEquals(Optional.of(new HostInfo("ten", "")), inventory.lookup(ip("10.200.1.1")));
    assertEquals(Optional.empty(), inventory.lookup(ip("11.0.0.1")));
  }

  @Test
  void emptyTextAndAnEmptyArrayAreEmptyInventories() throws Exception {
    assertEquals(0, InventoryParser.parse(SOURCE, "").size());
    assertEquals(0, InventoryParser.parse(SOURCE, " [ ] ").size());
    assertEquals(1, InventoryParser.parse(SOURCE, "\uFEFF[{\"ip_address\":\"10.0.0.1\",\"hostgroup\":\"a\"}]").size());
  }

  @Test
  void aBadArrayEntryNamesTheSourceAndItsLine() {
    assertError("""
        [
          {"ip_address": "10.1.2.3", "hostgroup": "a"},
          {"ip_address": "10.1.2.300", "hostgroup": "b"}
        ]
        """, SOURCE + " line 3: ip_address \"10.1.2.300\" is not an IP address or CIDR network");
    assertError("""
        [
          {"ip_address": "10.1.2.3", "hostgroup": "a"},

          {"hostgroup": "b"}
        ]""", SOURCE + " line 4: entry has no ip_address");
    assertError("[\n  {\"ip_address\": \"10.1.2.3\", \"hostgroup\": \"a\"},\n  \"10.1.2.4\"\n]",
        SOURCE + " line 3: expected an entry object, found a string");
  }

  @Test
  void brokenJsonInAnArrayNamesItsLine() {
    InventoryException e = assertThrows(InventoryException.class, () -> InventoryParser.parse(SOURCE,
        "[\n  {\"ip_address\": \"10.1.2.3\", \"hostgroup\": \"a\"},\n  {\"ip_address\": \"10.1.2.4\" \"hostgroup\": \"b\"}\n]"));
    assertTrue(e.getMessage().startsWith(SOURCE + " line 3: not valid JSON: "), e.getMessage());
    InventoryException unclosed = assertThrows(InventoryException.class, () -> InventoryParser.parse(SOURCE,
        "[\n  {\"ip_address\": \"10.1.2.3\", \"hostgroup\": \"a\"}\n"));
    assertTrue(unclosed.getMessage().startsWith(SOURCE + " line "), unclosed.getMessage());
    assertError("[{\"ip_address\": \"10.1.2.3\", \"hostgroup\": \"a\"}]\n{\"ip_address\": \"10.1.2.4\"}",
        SOURCE + " line 2: unexpected '{' after the JSON array");
  }

  @Test
  void aBadNdjsonLineNamesTheSourceAndItsLine() {
    String first = "{\"ip_address\": \"10.1.2.3\", \"hostgroup\": \"a\"}\n";
    InventoryException e = assertThrows(InventoryException.class,
        () -> InventoryParser.parse(SOURCE, first + "\n{\"ip_address\": \"10.1.2.4\", \"hostgroup\": }\n"));
    assertTrue(e.getMessage().startsWith(SOURCE + " line 3: not valid JSON: "), e.getMessage());
    assertError(first + "{\"ip_address\": \"10.1.2.4\", \"hostgroup\": \"b\"} {\"ip_address\": \"10.1.2.5\"}",
        SOURCE + " line 2: not valid JSON: ", true);
    assertError(first + "[\"10.1.2.4\"]", SOURCE + " line 2: expected an entry object, found array");
    assertError(first + "{\"ip_address\": 167837956, \"hostgroup\": \"b\"}",
        SOURCE + " line 2: ip_address must be a string, not number");
    assertError(first + "{\"ip_address\": \"10.1.2.4\", \"hostgroup\": [\"b\"]}",
        SOURCE + " line 2: hostgroup must be a string, not array");
    assertError(first + "{\"ip_address\": \"10.1.2.4\", \"hostgroup\": \" \", \"domain\": \"\"}",
        SOURCE + " line 2: entry for 10.1.2.4 has neither hostgroup nor domain");
    assertError(first + "{\"ip_address\": \"10.1.2.4\", \"hostgroup\": \"a\", \"hostgroup\": \"b\"}",
        SOURCE + " line 2: not valid JSON: ", true);
  }

  @Test
  void badNetworksAreNamed() {
    assertError("{\"ip_address\": \"10.0.0.0/33\", \"hostgroup\": \"a\"}",
        SOURCE + " line 1: ip_address \"10.0.0.0/33\" has a prefix length outside 0..32");
    assertError("{\"ip_address\": \"2001:db8::/129\", \"hostgroup\": \"a\"}",
        SOURCE + " line 1: ip_address \"2001:db8::/129\" has a prefix length outside 0..128");
    assertError("{\"ip_address\": \"::ffff:10.0.0.0/95\", \"hostgroup\": \"a\"}",
        SOURCE + " line 1: ip_address \"::ffff:10.0.0.0/95\" has a prefix length outside 0..128");
    assertError("{\"ip_address\": \"10.0.0.0/\", \"hostgroup\": \"a\"}",
        SOURCE + " line 1: ip_address \"10.0.0.0/\" is not an IP address or CIDR network");
    assertError("{\"ip_address\": \"10.0.0.0/-8\", \"hostgroup\": \"a\"}",
        SOURCE + " line 1: ip_address \"10.0.0.0/-8\" is not an IP address or CIDR network");
    assertError("{\"ip_address\": \"db.example.net\", \"hostgroup\": \"a\"}",
        SOURCE + " line 1: ip_address \"db.example.net\" is not an IP address or CIDR network");
  }

  private static void assertError(String text, String message) {
    assertError(text, message, false);
  }

  private static void assertError(String text, String message, boolean prefixOnly) {
    InventoryException e = assertThrows(InventoryException.class, () -> InventoryParser.parse(SOURCE, text));
    if (prefixOnly) {
      assertTrue(e.getMessage().startsWith(message), e.getMessage());
    } else {
      assertEquals(message, e.getMessage());
    }
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text).orElseThrow();
  }
}
