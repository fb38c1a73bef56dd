package io.telemetry.collect.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @Test
  void parsesDottedQuads() {
    assertArrayEquals(new byte[] {10, 1, 2, 3}, ip("10.1.2.3").bytes());
    assertArrayEquals(new byte[] {(byte) 255, (byte) 255, 0, 0}, ip("255.255.0.0").bytes());
    assertEquals("0.0.0.0", ip("0.0.0.0").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.1.2", "10.1.2.3.4", "10.1.2.256", "10.01.2.3", "10.1.2.-1", "10..2.3", "a.b.c.d",
      "10.1.2.3 ", "1", "10.1.2.3/8", "localhost", "example.net"})
  void refusesWhatIsNotADottedQuad(String text) {
    assertTrue(IpAddress.parse(text).isEmpty(), text);
  }

  @ParameterizedTest
  @CsvSource({
      "::1, ::1",
      "0:0:0:0:0:0:0:1, ::1",
      "::, ::",
      "2001:DB8::5, 2001:db8::5",
      "2001:0db8:0000:0000:0000:0000:0000:0005, 2001:db8::5",
      // RFC 5952 4.2.3: the longest run is shortened; on a tie, the first.
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
      // RFC 5952 4.2.2: a single zero group is not shortened.
      "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
      "fe80::, fe80::",
      "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
      "64:ff9b::10.0.0.1, 64:ff9b::a00:1"})
  void parsesIpv6AndPrintsItAsRfc5952(String text, String canonical) {
    IpAddress address = ip(text);
    assertFalse(address.isV4());
    assertEquals(128, address.bitLength());
    assertEquals(canonical, address.toString());
  }

  @Test
  void anIpv4MappedIpv6AddressIsTheIpv4Address() {
    assertEquals(ip("10.0.0.1"), ip("::ffff:10.0.0.1"));
    assertEquals(ip("10.0.0.1"), ip("::ffff:a00:1"));
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
    IpAddress fromBytes = IpAddress.of(mapped);
    assertTrue(fromBytes.isV4());
    assertEquals("127.0.0.1", fromBytes.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1::2::3", "1:2:3:4:5:6:7:8:9", "12345::1", "fe80::1%eth0", "zz::1", ":::", "g::1",
      "[::1]", "::1/128", "1.2.3.4::"})
  void refusesWhatIsNotAnIpv6Literal(String text) {
    assertTrue(IpAddress.parse(text).isEmpty(), text);
  }

  @Test
  void neverAsksDnsForAName() {
    long start = System.nanoTime();
    assertTrue(IpAddress.parse("no-such-host.invalid").isEmpty());
    assertTrue(IpAddress.parse("dead:beef.invalid").isEmpty());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(500)) < 0);
  }

  @Test
  void masksTheBitsAfterThePrefix() {
    assertEquals(ip("10.0.0.0"), ip("10.1.2.3").masked(8));
    assertEquals(ip("10.1.2.0"), ip("10.1.2.255").masked(24));
    assertEquals(ip("10.1.2.128"), ip("10.1.2.255").masked(25));
    assertEquals(ip("10.1.2.254"), ip("10.1.2.255").masked(31));
    assertEquals(ip("0.0.0.0"), ip("192.168.1.1").masked(0));
    assertEquals(ip("192.168.1.1"), ip("192.168.1.1").masked(32));
    assertEquals(ip("2001:db8::"), ip("2001:db8:aaaa::1").masked(32));
    assertEquals(ip("2001:db8:8000::"), ip("2001:db8:ffff::1").masked(33));
  }

  @Test
  void knowsLoopbackAndWildcard() {
    assertTrue(ip("127.0.0.1").isLoopback());
    assertTrue(ip("127.255.0.9").isLoopback());
    assertTrue(ip("::1").isLoopback());
    assertTrue(ip("::ffff:127.0.0.1").isLoopback());
    assertFalse(ip("10.0.0.1").isLoopback());
    assertFalse(ip("::2").isLoopback());
    assertTrue(ip("0.0.0.0").isWildcard());
    assertTrue(ip("::").isWildcard());
    assertFalse(ip("::1").isWildcard());
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text).orElseThrow(() -> new AssertionError("not parsed: " + text));
  }
}
