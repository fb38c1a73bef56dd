package io.telemetry.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines written as a little-endian (x86, arm64) kernel prints them. */
class ProcNetTcpTest {

  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
  private static final String HEADER6 = "  sl  local_address                         remote_address                        st"
      + " tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

  @Test
  void readsIpv4RowsAddressesPortsStatesAndInodes() throws Exception {
    List<TcpSocket> sockets = ProcNetTcp.parse("/proc/net/tcp", HEADER
        + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 12345 1"
        + " 0000000000000000 100 0 0 10 0\n"
        + "   1: 0A01A8C0:C350 0101A8C0:01BB 01 00000000:00000000 02:000A7D52 00000000  1000        0 67890 2"
        + " 0000000000000000 20 4 30 10 -1\n"
        + "   2: 0A01A8C0:D431 0201A8C0:0050 06 00000000:00000000 03:00001770 00000000     0        0 0 3"
        + " 0000000000000000\n", false, ByteOrder.LITTLE_ENDIAN);
    assertEquals(List.of(
        new TcpSocket(ip("127.0.0.1"), 8080, ip("0.0.0.0"), 0, TcpSocket.LISTEN, 12345),
        new TcpSocket(ip("192.168.1.10"), 50000, ip("192.168.1.1"), 443, TcpSocket.ESTABLISHED, 67890),
        new TcpSocket(ip("192.168.1.10"), 54321, ip("192.168.1.2"), 80, 0x06, 0)), sockets);
  }

  @Test
  void readsIpv6RowsWordByWord() throws Exception {
    List<TcpSocket> sockets = ProcNetTcp.parse("/proc/net/tcp6", HEADER6
        + "   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000"
        + " 00:00000000 00000000     0        0 2001 1 0000000000000000 100 0 0 10 0\n"
        + "   1: 00000000000000000000000001000000:A3C2 B80D0120000000000000000005000000:1538 01 00000000:00000000"
        + " 00:00000000 00000000  1000        0 2002 1 0000000000000000 20 4 30 10 -1\n"
        // A dual-stack socket's IPv4 peer: ::ffff:10.0.0.1 -> 10.0.0.1.
        + "   2: 0000000000000000FFFF00000100007F:0CEA 0000000000000000FFFF00000100000A:9C40 01 00000000:00000000"
        + " 00:00000000 00000000  1000        0 2003 1 0000000000000000 20 4 30 10 -1\n", true, ByteOrder.LITTLE_ENDIAN);
    assertEquals(List.of(
        new TcpSocket(ip("::"), 22, ip("::"), 0, TcpSocket.LISTEN, 2001),
        new TcpSocket(ip("::1"), 41922, ip("2001:db8::5"), 5432, TcpSocket.ESTABLISHED, 2002),
        new TcpSocket(ip("127.0.0.1"), 3306, ip("10.0.0.1"), 40000, TcpSocket.ESTABLISHED, 2003)), sockets);
  }

  @Test
  void aBigEndianKernelPrintsAddressesInNetworkOrder() throws Exception {
    List<TcpSocket> sockets = ProcNetTcp.parse("/proc/net/tcp",
        "   0: 7F000001:0050 C0A80101:D431 01 00000000:00000000 00:00000000 00000000     0        0 77 1\n",
        false, ByteOrder.BIG_ENDIAN);
    assertEquals(List.of(new TcpSocket(ip("127.0.0.1"), 80, ip("192.168.1.1"), 54321, TcpSocket.ESTABLISHED, 77)),
        sockets);
  }

  @Test
  void anEmptyTableHasNoSockets() throws Exception {
    assertEquals(List.of(), ProcNetTcp.parse("/proc/net/tcp", HEADER, false, ByteOrder.LITTLE_ENDIAN));
    assertEquals(List.of(), ProcNetTcp.parse("/proc/net/tcp", "", false, ByteOrder.LITTLE_ENDIAN));
  }

  @Test
  void badRowsNameTheFileLineAndField() {
    String good = "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 12345 1\n";
    assertError("/proc/net/tcp", false, HEADER + good + "   1: 0100007F:1F90 00000000:0000 0A\n",
        "/proc/net/tcp line 3: expected \"sl: local remote st ... inode\", got \"1: 0100007F:1F90 00000000:0000 0A\"");
    assertError("/proc/net/tcp", false,
        HEADER + "   0: 0100007G:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000  0 12345 1\n",
        "/proc/net/tcp line 2: local address \"0100007G\" is not hexadecimal");
    assertError("/proc/net/tcp", false,
        HEADER + "   0: 0100007F:1F90 00000000:00000 0A 00000000:00000000 00:00000000 00000000  1000  0 12345 1\n",
        "/proc/net/tcp line 2: remote address \"00000000:00000\" is not 8 hex digits, ':', 4 hex digits");
    assertError("/proc/net/tcp", false,
        HEADER + "   0: 0100007F:1F90 00000000:0000 A 00000000:00000000 00:00000000 00000000  1000  0 12345 1\n",
        "/proc/net/tcp line 2: state \"A\" is not 2 hex digits");
    assertError("/proc/net/tcp", false,
        HEADER + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000  0 x1 1\n",
        "/proc/net/tcp line 2: inode \"x1\" is not a decimal number");
    // An IPv4 table read as tcp6: its addresses are too short.
    assertError("/proc/net/tcp6", true, HEADER + good,
        "/proc/net/tcp6 line 2: local address \"0100007F:1F90\" is not 32 hex digits, ':', 4 hex digits");
  }

  private static void assertError(String file, boolean ipv6, String text, String message) {
    ProcFormatException e = assertThrows(ProcFormatException.class,
        () -> ProcNetTcp.parse(file, text, ipv6, ByteOrder.LITTLE_ENDIAN));
    assertEquals(message, e.getMessage());
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text).orElseThrow();
  }
}
