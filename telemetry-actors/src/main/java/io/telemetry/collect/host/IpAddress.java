package io.telemetry.collect.host;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as its bytes (4 or 16). IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.1.2.3}, how dual-stack sockets show IPv4 peers in {@code /proc/net/tcp6}) are
 * held as the IPv4 address they carry, so that one inventory entry matches both.
 */
public final class IpAddress {

  private final byte[] bytes;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** From 4 or 16 bytes in network order; an IPv4-mapped IPv6 address becomes IPv4. */
  public static IpAddress of(byte[] bytes) {
    if (bytes.length == 4) {
      return new IpAddress(bytes.clone());
    }
    if (bytes.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }
    if (isV4Mapped(bytes)) {
      return new IpAddress(Arrays.copyOfRange(bytes, 12, 16));
    }
    return new IpAddress(bytes.clone());
  }

  /**
   * Parses a literal: dotted-quad IPv4 (no leading zeros, which some parsers read as octal) or
   * IPv6 (RFC 4291 text forms, without a zone). Never asks DNS.
   */
  public static Optional<IpAddress> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    if (text.indexOf(':') < 0) {
      return parseV4(text);
    }
    if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return Optional.empty();
    }
    try {
      // In brackets the JDK reads the text as an IPv6 literal only and never resolves it.
      InetAddress address = InetAddress.getByName("[" + text + "]");
      if (address instanceof Inet6Address || address instanceof Inet4Address) {
        return Optional.of(of(address.getAddress()));
      }
      return Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Optional<IpAddress> parseV4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) value;
    }
    return Optional.of(new IpAddress(bytes));
  }

  private static boolean isV4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  public boolean isV4() {
    return bytes.length == 4;
  }

  /** 32 or 128. */
  public int bitLength() {
    return bytes.length * 8;
  }

  /** The network order bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@code 0.0.0.0} or {@code ::}: a socket bound to every address. */
  public boolean isWildcard() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code 127.0.0.0/8} or {@code ::1}. */
  public boolean isLoopback() {
    if (isV4()) {
      return bytes[0] == 127;
    }
    for (int i = 0; i < 15; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[15] == 1;
  }

  /** This address with every bit after the first {@code prefixLength} cleared. */
  public IpAddress masked(int prefixLength) {
    if (prefixLength < 0 || prefixLength > bitLength()) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0.." + bitLength());
    }
    byte[] masked = bytes.clone();
    for (int bit = prefixLength; bit < masked.length * 8; bit++) {
      masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return new IpAddress(masked);
  }

  /** Dotted quad for IPv4; RFC 5952 for IPv6 (lower case, longest zero run as {@code ::}). */
  @Override
  public String toString() {
    if (isV4()) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    // RFC 5952 4.2: shorten the longest run of two or more zero groups, the first one on a tie.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpAddress that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
