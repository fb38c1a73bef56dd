package io.telemetry.it.snmp;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value as net-snmp's tools print it with {@code -On -Oe -Ox}: {@code Counter64: 12},
 * {@code Timeticks: (3896978921) 451 days, ...}, {@code Hex-STRING: 47 69 31}, {@code ""}.
 */
public record SnmpValue(String type, String text) {

  private static final Pattern TICKS = Pattern.compile("\\((\\d+)\\).*", Pattern.DOTALL);

  /** Counter32, Counter64, Gauge32, INTEGER and Timeticks as an unsigned number (Counter64 keeps its bits). */
  public long number() {
    return switch (type) {
      case "Counter32", "Counter64", "Gauge32", "INTEGER" -> Long.parseUnsignedLong(text.trim());
      case "Timeticks" -> {
        Matcher m = TICKS.matcher(text.trim());
        if (!m.matches()) {
          throw new IllegalArgumentException("not Timeticks: " + text);
        }
        yield Long.parseLong(m.group(1));
      }
      default -> throw new IllegalArgumentException("not a number: " + type + ": " + text);
    };
  }

  /** An OCTET STRING's bytes. */
  public byte[] bytes() {
    return switch (type) {
      case "" -> {
        if (!text.equals("\"\"")) {
          throw new IllegalArgumentException("untyped value that is not an empty string: " + text);
        }
        yield new byte[0];
      }
      case "Hex-STRING" -> HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
      default -> throw new IllegalArgumentException("not an octet string printed with -Ox: " + type + ": " + text);
    };
  }

  public boolean isOctetString() {
    return type.equals("Hex-STRING") || (type.isEmpty() && text.equals("\"\""));
  }
}
