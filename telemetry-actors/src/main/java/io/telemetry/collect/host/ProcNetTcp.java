package io.telemetry.collect.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the kernel's TCP socket tables, {@code /proc/net/tcp} (IPv4) and {@code /proc/net/tcp6}
 * (IPv6), as {@code net/ipv4/tcp_ipv4.c} and {@code net/ipv6/tcp_ipv6.c} print them:
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 12345 ...
 * </pre>
 *
 * <p>An address is 8 (IPv4) or 32 (IPv6) hex digits: the address's 32-bit words, each printed as
 * a number in the machine's byte order, so on little-endian machines {@code 0100007F} is
 * 127.0.0.1. Ports are hex in network order ({@code 1F90} is 8080). The state is hex, the inode
 * decimal.
 */
public final class ProcNetTcp {

  private static final int MIN_FIELDS = 10;

  private ProcNetTcp() {}

  /**
   * @param file      named in errors, e.g. {@code /proc/net/tcp6}
   * @param ipv6      whether the table is {@code tcp6} (32-digit addresses)
   * @param byteOrder the byte order of the machine that wrote the table ({@link ByteOrder#nativeOrder()} for this one)
   */
  public static List<TcpSocket> parse(String file, String text, boolean ipv6, ByteOrder byteOrder)
      throws ProcFormatException {
    String[] lines = text.split("\n", -1);
    List<TcpSocket> sockets = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || (i == 0 && line.startsWith("sl"))) {
        continue;
      }
      sockets.add(parseLine(file + " line " + (i + 1), line, ipv6, byteOrder));
    }
    return sockets;
  }

  private static TcpSocket parseLine(String where, String line, boolean ipv6, ByteOrder order)
      throws ProcFormatException {
    String[] fields = line.split("\\s+");
    if (fields.length < MIN_FIELDS || !fields[0].endsWith(":")) {
      throw new ProcFormatException(where + ": expected \"sl: local remote st ... inode\", got \"" + line + "\"");
    }
    int hexDigits = ipv6 ? 32 : 8;
    String[] local = endpoint(where, "local address", fields[1], hexDigits);
    String[] remote = endpoint(where, "remote address", fields[2], hexDigits);
    return new TcpSocket(
        address(where, "local address", local[0], order), port(where, "local address", local[1]),
        address(where, "remote address", remote[0], order), port(where, "remote address", remote[1]),
        hex(where, "state", fields[3], 2),
        inode(where, fields[9]));
  }

  private static String[] endpoint(String where, String what, String field, int hexDigits) throws ProcFormatException {
    int colon = field.indexOf(':');
    if (colon != hexDigits || field.length() != hexDigits + 5) {
      throw new ProcFormatException(where + ": " + what + " \"" + field + "\" is not " + hexDigits
          + " hex digits, ':', 4 hex digits");
    }
    return new String[] {field.substring(0, colon), field.substring(colon + 1)};
  }

  private static IpAddress address(String where, String what, String hexText, ByteOrder order)
      throws ProcFormatException {
    ByteBuffer bytes = ByteBuffer.allocate(hexText.length() / 2).order(order);
    for (int word = 0; word < hexText.length(); word += 8) {
      bytes.putInt((int) hexValue(where, what, hexText.substring(word, word + 8)));
    }
    return IpAddress.of(bytes.array());
  }

  private static int port(String where, String what, String hexText) throws ProcFormatException {
    return (int) hexValue(where, what + " port", hexText);
  }

  private static int hex(String where, String what, String text, int digits) throws ProcFormatException {
    if (text.length() != digits) {
      throw new ProcFormatException(where + ": " + what + " \"" + text + "\" is not " + digits + " hex digits");
    }
    return (int) hexValue(where, what, text);
  }

  private static long hexValue(String where, String what, String text) throws ProcFormatException {
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        throw new ProcFormatException(where + ": " + what + " \"" + text + "\" is not hexadecimal");
      }
    }
    return Long.parseLong(text, 16);
  }

  private static long inode(String where, String text) throws ProcFormatException {
    if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new ProcFormatException(where + ": inode \"" + text + "\" is not a decimal number");
    }
    return Long.parseLong(text);
  }
}
