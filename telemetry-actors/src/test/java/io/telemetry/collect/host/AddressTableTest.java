package io.telemetry.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressTableTest {

  @Test
  void anExactAddressWinsOverEveryPrefixV4() {
    AddressTable<String> table = AddressTable.<String>builder()
        .prefix(ip("10.0.0.0"), 8, "ten")
        .prefix(ip("10.1.2.0"), 24, "ten-one-two")
        .prefix(ip("10.1.2.3"), 32, "host-route")
        .exact(ip("10.1.2.3"), "exact")
        .build();
    assertEquals(Optional.of("exact"), table.lookup(ip("10.1.2.3")));
    assertEquals(Optional.of("ten-one-two"), table.lookup(ip("10.1.2.4")));
    assertEquals(Optional.of("ten"), table.lookup(ip("10.200.0.1")));
    assertEquals(Optional.empty(), table.lookup(ip("11.0.0.1")));
  }

  @Test
  void theLongestPrefixWinsWhateverTheOrderOfEntries() {
    AddressTable<String> table = AddressTable.<String>builder()
        .prefix(ip("192.168.1.128"), 25, "upper-half")
        .prefix(ip("192.168.0.0"), 16, "site")
        .prefix(ip("192.168.1.0"), 24, "subnet")
        .build();
    assertEquals(Optional.of("upper-half"), table.lookup(ip("192.168.1.200")));
    assertEquals(Optional.of("subnet"), table.lookup(ip("192.168.1.127")));
    assertEquals(Optional.of("site"), table.lookup(ip("192.168.7.1")));
  }

  @Test
  void anExactAddressWinsOverEveryPrefixV6() {
    AddressTable<String> table = AddressTable.<String>builder()
        .prefix(ip("2001:db8::"), 32, "documentation")
        .prefix(ip("2001:db8:1::"), 48, "site")
        .exact(ip("2001:db8:1::53"), "resolver")
        .build();
    assertEquals(Optional.of("resolver"), table.lookup(ip("2001:db8:1::53")));
    assertEquals(Optional.of("site"), table.lookup(ip("2001:db8:1::54")));
    assertEquals(Optional.of("documentation"), table.lookup(ip("2001:db8:2::1")));
    assertEquals(Optional.empty(), table.lookup(ip("2001:db9::1")));
  }

  @Test
  void familiesDoNotMatchEachOther() {
    AddressTable<String> table = AddressTable.<String>builder()
        .prefix(ip("0.0.0.0"), 0, "any-v4")
        .prefix(ip("::"), 0, "any-v6")
        .build();
    assertEquals(Optional.of("any-v4"), table.lookup(ip("203.0.113.9")));
    assertEquals(Optional.of("any-v6"), table.lookup(ip("2001:db8::1")));
    // A dual-stack socket's IPv4 peer is IPv4.
    assertEquals(Optional.of("any-v4"), table.lookup(ip("::ffff:203.0.113.9")));
  }

  @Test
  void hostBitsOfANetworkAreIgnoredAndALaterEntryReplacesAnEarlierOne() {
    AddressTable<String> table = AddressTable.<String>builder()
        .prefix(ip("10.9.8.7"), 8, "first")
        .prefix(ip("10.0.0.0"), 8, "second")
        .exact(ip("10.0.0.1"), "a")
        .exact(ip("10.0.0.1"), "b")
        .build();
    assertEquals(Optional.of("second"), table.lookup(ip("10.1.1.1")));
    assertEquals(Optional.of("b"), table.lookup(ip("10.0.0.1")));
    assertEquals(2, table.size());
  }

  @Test
  void anEmptyTableKnowsNothing() {
    assertEquals(Optional.empty(), AddressTable.<String>empty().lookup(ip("10.0.0.1")));
    assertEquals(0, AddressTable.empty().size());
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text).orElseThrow();
  }
}
