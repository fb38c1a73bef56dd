package io.telemetry.sink.influx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one line of line protocol the way InfluxDB does, to check the encoder's output against the
 * servers' grammar rather than against itself. Two readers, written from the servers' parsers:
 * <ul>
 *   <li>{@link #influxDb1and2} follows the Go parser of InfluxDB 1.x and 2.x ({@code models/points.go},
 *       {@code pkg/escape}): a character right after a backslash is never a delimiter in the
 *       measurement and tags; in the field section a backslash skips the next byte. Unescaping
 *       replaces {@code \,} {@code \ } {@code \=} {@code \"} (measurement, field keys: the
 *       server stores {@code a\=b} as the measurement {@code a=b}, checked against influxd 1.6),
 *       only {@code \,} {@code \ } {@code \=} (tags); any other backslash stays.</li>
 *   <li>{@link #influxDb3} follows the Rust parser of InfluxDB 3 ({@code influxdb_line_protocol}):
 *       {@code \\} is one backslash, {@code \,} {@code \ } (and {@code \=} outside measurements)
 *       the character, any other backslash stays; a name ending in a backslash is an error; tab is a
 *       delimiter like space.</li>
 * </ul>
 * Both accept only what this sink writes (integer and float fields), enough for the tests.
 */
final class LineProtocolReader {

  /** A line as read: measurement, tags and fields in line order, fields as Long or Double. */
  record Point(String measurement, Map<String, String> tags, Map<String, Object> fields, long timestamp) {}

  /** Thrown where InfluxDB would answer "unable to parse". */
  static final class ParseError extends RuntimeException {
    ParseError(String message, String line) {
      super(message + " in: " + line);
    }
  }

  private LineProtocolReader() {}

  // ---------------------------------------------------------------- InfluxDB 1.x / 2.x (Go)

  static Point influxDb1and2(String line) {
    if (line.indexOf('\n') >= 0) {
      throw new ParseError("raw newline splits the line", line);
    }
    byte[] buf = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int i = 0;
    if (buf.length == 0 || buf[0] == ',' || buf[0] == ' ' || buf[0] == '#') {
      throw new ParseError("missing measurement (or a comment)", line);
    }
    // scanMeasurement: a byte right after a backslash is skipped.
    int end = -1;
    boolean tagsFollow = false;
    for (i = 1; i < buf.length; i++) {
      if (buf[i - 1] == '\\') {
        continue;
      }
      if (buf[i] == ',' || buf[i] == ' ') {
        end = i;
        tagsFollow = buf[i] == ',';
        break;
      }
    }
    if (end < 0) {
      throw new ParseError("missing fields", line);
    }
    String measurement = goUnescape(str(buf, 0, end), ",\" =", line);
    Map<String, String> tags = new LinkedHashMap<>();
    i = end + 1;
    if (tagsFollow) {
      while (true) {
        // scanTagsKey
        int keyStart = i;
        if (i >= buf.length || buf[i] == ' ' || buf[i] == ',' || buf[i] == '=') {
          throw new ParseError("missing tag key", line);
        }
        while (true) {
          i++;
          if (i >= buf.length || ((buf[i] == ' ' || buf[i] == ',') && buf[i - 1] != '\\')) {
            throw new ParseError("missing tag value", line);
          }
          if (buf[i] == '=' && buf[i - 1] != '\\') {
            break;
          }
        }
        String key = goUnescape(str(buf, keyStart, i), ", =", line);
        i++;
        // scanTagsValue
        int valueStart = i;
        if (i >= buf.length || buf[i] == ',' || buf[i] == ' ') {
          throw new ParseError("missing tag value", line);
        }
        boolean more;
        while (true) {
          i++;
          if (i >= buf.length) {
            throw new ParseError("missing fields", line);
          }
          if (buf[i] == '=' && buf[i - 1] != '\\') {
            throw new ParseError("invalid tag format", line);
          }
          if ((buf[i] == ',' || buf[i] == ' ') && buf[i - 1] != '\\') {
            more = buf[i] == ',';
            break;
          }
        }
        tags.put(key, goUnescape(str(buf, valueStart, i), ", =", line));
        i++;
        if (!more) {
          break;
        }
      }
    }
    // scanFields: a backslash skips the next byte; fields end at the first unescaped space.
    // A quote opens a string value only in value position (more '=' than ',' so far).
    int fieldsStart = i;
    int equals = 0;
    int commas = 0;
    while (i < buf.length) {
      if (buf[i] == '\\' && i + 1 < buf.length) {
        i += 2;
        continue;
      }
      if (buf[i] == '"' && equals > commas) {
        throw new ParseError("string fields are not written by the sink", line);
      }
      if (buf[i] == '=') {
        equals++;
      } else if (buf[i] == ',') {
        commas++;
      } else if (buf[i] == ' ') {
        break;
      }
      i++;
    }
    Map<String, Object> fields = goFields(buf, fieldsStart, i, line);
    while (i < buf.length && buf[i] == ' ') {
      i++;
    }
    long timestamp = parseTimestamp(str(buf, i, buf.length), line);
    return new Point(measurement, tags, fields, timestamp);
  }

  /**
   * scanLine: splits a body into lines at newlines that are neither escaped (a backslash skips the
   * next byte) nor inside a quoted field value.
   */
  static java.util.List<String> splitLinesInfluxDb1and2(String body) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    int start = 0;
    int i = 0;
    boolean quoted = false;
    boolean fields = false;
    int equals = 0;
    int commas = 0;
    while (i < body.length()) {
      char ch = body.charAt(i);
      if (ch == '\\') {
        i += 2;
        continue;
      }
      if (ch == ' ') {
        fields = true;
      }
      if (fields) {
        if (!quoted && ch == '=') {
          equals++;
          i++;
          continue;
        } else if (!quoted && ch == ',') {
          commas++;
          i++;
          continue;
        } else if (ch == '"' && equals > commas) {
          quoted = !quoted;
          i++;
          continue;
        }
      }
      if (ch == '\n' && !quoted) {
        lines.add(body.substring(start, i));
        start = i + 1;
        fields = false;
        equals = 0;
        commas = 0;
      }
      i++;
    }
    if (start < body.length()) {
      lines.add(body.substring(start));
    }
    return lines;
  }

  // walkFields: a key ends at the first '=' not right after a backslash; a value at the next ','.
  private static Map<String, Object> goFields(byte[] buf, int from, int to, String line) {
    Map<String, Object> fields = new LinkedHashMap<>();
    int i = from;
    while (i < to) {
      int keyStart = i;
      while (i < to && !(buf[i] == '=' && (i == keyStart || buf[i - 1] != '\\'))) {
        i++;
      }
      if (i >= to || i == keyStart) {
        throw new ParseError("invalid field format", line);
      }
      String key = goUnescape(str(buf, keyStart, i), ",\" =", line);
      i++;
      int valueStart = i;
      while (i < to && buf[i] != ',') {
        i++;
      }
      fields.put(key, number(str(buf, valueStart, i), line));
      i++;
    }
    if (fields.isEmpty()) {
      throw new ParseError("missing fields", line);
    }
    return fields;
  }

  /**
   * Go replaces each escape code with bytes.Replace, in map order (which Go randomises); both
   * orders must give the same text, or the name would depend on the server's luck.
   */
  private static String goUnescape(String text, String codes, String line) {
    String forward = text;
    for (int k = 0; k < codes.length(); k++) {
      forward = forward.replace("\\" + codes.charAt(k), String.valueOf(codes.charAt(k)));
    }
    String backward = text;
    for (int k = codes.length() - 1; k >= 0; k--) {
      backward = backward.replace("\\" + codes.charAt(k), String.valueOf(codes.charAt(k)));
    }
    if (!forward.equals(backward)) {
      throw new ParseError("unescaping depends on order: " + forward + " vs " + backward, line);
    }
    return forward;
  }

  // ---------------------------------------------------------------- InfluxDB 3 (Rust)

  static Point influxDb3(String line) {
    Cursor c = new Cursor(line);
    if (line.isEmpty() || line.charAt(0) == '#') {
      throw new ParseError("empty line or comment", line);
    }
    String measurement = c.name(",", ", \\", line);
    if (measurement.isEmpty()) {
      throw new ParseError("invalid measurement", line);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    if (c.peek() == ',') {
      do {
        c.pos++;
        String key = c.name("=", ",= \\", line);
        if (key.isEmpty() || c.peek() != '=') {
          throw new ParseError("tag set malformed", line);
        }
        c.pos++;
        String value = c.name(",", ",= \\", line);
        if (value.isEmpty()) {
          throw new ParseError("expected tag value", line);
        }
        tags.put(key, value);
      } while (c.peek() == ',');
    }
    c.spaces(line);
    Map<String, Object> fields = new LinkedHashMap<>();
    do {
      if (!fields.isEmpty()) {
        c.pos++;
      }
      String key = c.name("=", ",= \\", line);
      if (key.isEmpty() || c.peek() != '=') {
        throw new ParseError("field set malformed", line);
      }
      c.pos++;
      int start = c.pos;
      while (c.pos < line.length() && line.charAt(c.pos) != ',' && line.charAt(c.pos) != ' ') {
        c.pos++;
      }
      fields.put(key, rustNumber(line.substring(start, c.pos), line));
    } while (c.peek() == ',');
    c.spaces(line);
    int start = c.pos;
    while (c.pos < line.length() && line.charAt(c.pos) != ' ') {
      c.pos++;
    }
    long timestamp = parseTimestamp(line.substring(start, c.pos), line);
    while (c.pos < line.length() && line.charAt(c.pos) == ' ') {
      c.pos++;
    }
    if (c.pos != line.length()) {
      throw new ParseError("trailing content", line);
    }
    return new Point(measurement, tags, fields, timestamp);
  }

  private static final class Cursor {
    final String line;
    int pos;

    Cursor(String line) {
      this.line = line;
    }

    char peek() {
      return pos < line.length() ? line.charAt(pos) : '\0';
    }

    /**
     * escape_or_fallback: ordinary characters up to a delimiter (whitespace, NUL and
     * {@code stops}); a backslash before one of {@code escapable} stands for that character,
     * before anything else for itself.
     */
    String name(String stops, String escapable, String text) {
      StringBuilder out = new StringBuilder();
      while (pos < line.length()) {
        char ch = line.charAt(pos);
        if (ch == '\\') {
          if (pos + 1 < line.length() && escapable.indexOf(line.charAt(pos + 1)) >= 0) {
            out.append(line.charAt(pos + 1));
            pos += 2;
          } else {
            out.append('\\');
            pos++;
            if (pos < line.length()) {
              out.append(line.charAt(pos)); // taken as is, whatever it is
              pos++;
            }
          }
          continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\0' || stops.indexOf(ch) >= 0) {
          break;
        }
        out.append(ch);
        pos++;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) == '\\') {
        throw new ParseError("names may not end with a backslash", text);
      }
      return out.toString();
    }

    void spaces(String text) {
      if (peek() != ' ') {
        throw new ParseError("expected a space", text);
      }
      while (peek() == ' ') {
        pos++;
      }
    }
  }

  private static Object rustNumber(String text, String line) {
    if (text.matches("-?[0-9]+i")) {
      return Long.parseLong(text.substring(0, text.length() - 1));
    }
    // field_float_value: integral[.digits][e[+-]digits], or digits e[+-]digits.
    if (text.matches("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      return Double.parseDouble(text);
    }
    throw new ParseError("not an integer or float field value: " + text, line);
  }

  // ---------------------------------------------------------------- shared

  // scanNumber: digits with at most one '.', an exponent, and an optional trailing 'i'.
  private static Object number(String text, String line) {
    if (text.isEmpty()) {
      throw new ParseError("missing field value", line);
    }
    if (text.endsWith("i")) {
      try {
        return Long.parseLong(text.substring(0, text.length() - 1));
      } catch (NumberFormatException e) {
        throw new ParseError("invalid integer " + text, line);
      }
    }
    if (!text.matches("-?[0-9.]+([eE][+-]?[0-9]+)?") || text.chars().filter(ch -> ch == '.').count() > 1) {
      throw new ParseError("invalid number " + text, line);
    }
    return Double.parseDouble(text);
  }

  private static long parseTimestamp(String text, String line) {
    if (!text.matches("-?[0-9]+")) {
      throw new ParseError("bad timestamp '" + text + "'", line);
    }
    return Long.parseLong(text);
  }

  private static String str(byte[] buf, int from, int to) {
    return new String(buf, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Both readers, which must agree. */
  static Point both(String line) {
    Point go = influxDb1and2(line);
    Point rust = influxDb3(line);
    if (!go.equals(rust)) {
      throw new ParseError("InfluxDB 1.x/2.x reads " + go + " but InfluxDB 3 reads " + rust, line);
    }
    return go;
  }
}
