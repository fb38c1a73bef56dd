package io.telemetry.inventory.select;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Reading attributes as numbers and LIKE patterns as regular expressions. */
final class Literals {

  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

  private Literals() {}

  /** The attribute as a number, or null when it is absent or not a plain decimal number. */
  static BigDecimal number(String text) {
    if (text == null || text.isEmpty() || text.length() > 64 || !DECIMAL.matcher(text).matches()) {
      return null;
    }
    return new BigDecimal(text);
  }

  /**
   * A LIKE pattern as a regex matching the whole value: {@code %} is any run of characters,
   * {@code _} exactly one, a backslash makes the next character literal; the rest is literal.
   */
  static Pattern like(String pattern) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        literal.append(pattern.charAt(++i));
      } else if (c == '%' || c == '_') {
        flush(regex, literal);
        regex.append(c == '%' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    flush(regex, literal);
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** The literal text before a single trailing {@code %}, or null when the pattern is anything else. */
  static String prefixOnly(String pattern) {
    if (!pattern.endsWith("%")) {
      return null;
    }
    String head = pattern.substring(0, pattern.length() - 1);
    return head.indexOf('%') < 0 && head.indexOf('_') < 0 && head.indexOf('\\') < 0 ? head : null;
  }

  private static void flush(StringBuilder regex, StringBuilder literal) {
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }
}
