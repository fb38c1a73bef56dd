package io.telemetry.sink.influx;

/**
 * InfluxDB line protocol text: how names are escaped and numbers written, so that InfluxDB 1.x,
 * 2.x (the Go parser) and 3.x (the Rust parser) all read back exactly what was meant.
 *
 * <p>Names (measurement, tag keys and values, field keys):
 * <ul>
 *   <li>comma and space are escaped with a backslash everywhere; {@code =} too in tag keys, tag
 *       values and field keys (in a measurement both parsers keep {@code \=} as two characters,
 *       so {@code =} is written as is there);</li>
 *   <li>a raw newline would end the line: newline, carriage return and tab are written as the
 *       two-character text {@code \n}, {@code \r}, {@code \t}, other control characters
 *       (U+0000..U+001F, U+007F) as the text {@code \}{@code u00XX}; the text is what InfluxDB
 *       stores (so a name with a newline and one with the text {@code \n} read back alike);</li>
 *   <li>a backslash is written as is where every parser reads it as itself: before an ordinary
 *       character. At the end of a name, before another backslash, before an escaped or
 *       control character, before {@code "} in a measurement or field key and before {@code =}
 *       in a measurement, no spelling reads back alike: 1.x/2.x keep {@code \\} as two
 *       backslashes where 3.x reads one, 1.x/2.x read {@code \"} (measurement, field key) and
 *       {@code \=} (measurement) as the bare character where 3.x keeps both, and 3.x refuses names
 *       ending in a backslash. There it is written as the text {@code \}{@code u005c};</li>
 *   <li>a measurement starting with {@code #} would make the line a comment: its first
 *       {@code #} is written as the text {@code \}{@code u0023};</li>
 *   <li>quotes need no escaping outside string field values (which this sink does not write);
 *       everything else, non-ASCII included, is written as is and the body is UTF-8 (an
 *       unpaired UTF-16 surrogate, which is not Unicode text, becomes {@code ?}).</li>
 * </ul>
 *
 * <p>Numbers: integers are signed 64-bit with an {@code i} suffix; floats are Java's shortest
 * round-trip decimal ({@code 0.5}, {@code 1.0E-5}), always with a decimal point, which both
 * parsers read as a float. NaN and infinities have no line-protocol spelling: callers skip them.
 */
public final class LineProtocol {

  /** The kinds of names, each with its own set of characters to escape. */
  public enum Name {
    MEASUREMENT,
    TAG_KEY,
    TAG_VALUE,
    FIELD_KEY
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

  private LineProtocol() {}

  /** The escaped form of one name. */
  public static String escape(String name, Name kind) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    appendEscaped(out, name, kind);
    return out.toString();
  }

  /** Appends the escaped form of one name (see the class comment for the rules). */
  public static void appendEscaped(StringBuilder out, String name, Name kind) {
    if (isPlain(name, kind)) {
      out.append(name);
      return;
    }
    int n = name.length();
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c == '\\') {
        if (i + 1 == n || readsAsEscape(name.charAt(i + 1), kind)) {
          appendUnicodeText(out, c);
        } else {
          out.append(c);
        }
      } else if (kind == Name.MEASUREMENT && i == 0 && c == '#') {
        appendUnicodeText(out, c);
      } else if (isControl(c)) {
        switch (c) {
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> appendUnicodeText(out, c);
        }
      } else if (isDelimiter(c, kind)) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
  }

  /** An integer field value: {@code 42i}. */
  public static void appendInteger(StringBuilder out, long value) {
    out.append(value).append('i');
  }

  /**
   * A float field value, e.g. {@code 0.25} or {@code 1.0E-5}.
   *
   * @throws IllegalArgumentException for NaN and infinities, which line protocol cannot carry
   */
  public static void appendFloat(StringBuilder out, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(value + " has no line protocol spelling");
    }
    // Whole numbers below 10^7 (statuses, zero rates, most gauges) are spelled as Double.toString
    // spells them ("3.0"), without its costly general algorithm; -0.0 keeps its sign there.
    if (value == (long) value && Math.abs(value) < 1e7 && Double.doubleToRawLongBits(value) != NEGATIVE_ZERO) {
      out.append((long) value).append(".0");
      return;
    }
    // Double.toString always has a '.' (or an exponent after one): never mistaken for an integer.
    out.append(Double.toString(value));
  }

  // Whether a backslash before this character would not read back as a backslash everywhere: the
  // character, once written, starts with a backslash (escaped, control or backslash), or it is one
  // that 1.x/2.x unescape there and 3.x does not: \" in measurements and field keys, \= in
  // measurements (checked against influxd 1.6, which stores a\=b as the measurement a=b).
  private static boolean readsAsEscape(char c, Name kind) {
    return c == '\\' || isControl(c) || isDelimiter(c, kind)
        || (c == '"' && (kind == Name.MEASUREMENT || kind == Name.FIELD_KEY))
        || (c == '=' && kind == Name.MEASUREMENT);
  }

  private static boolean isDelimiter(char c, Name kind) {
    return c == ',' || c == ' ' || (c == '=' && kind != Name.MEASUREMENT);
  }

  private static boolean isControl(char c) {
    return c < 0x20 || c == 0x7f;
  }

  private static boolean isPlain(String name, Name kind) {
    if (kind == Name.MEASUREMENT && !name.isEmpty() && name.charAt(0) == '#') {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' || isControl(c) || isDelimiter(c, kind)) {
        return false;
      }
    }
    return true;
  }

  private static void appendUnicodeText(StringBuilder out, char c) {
    out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
  }
}
