package io.telemetry.sink.influx;

import static io.telemetry.sink.influx.LineProtocol.Name.FIELD_KEY;
import static io.telemetry.sink.influx.LineProtocol.Name.MEASUREMENT;
import static io.telemetry.sink.influx.LineProtocol.Name.TAG_KEY;
import static io.telemetry.sink.influx.LineProtocol.Name.TAG_VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.telemetry.sink.influx.LineProtocolReader.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The escaping rules, each character class on its own, then whole lines read back by both
 * server grammars ({@link LineProtocolReader}). Expected texts are written out by hand from the
 * rules in LineProtocol's documentation.
 */
class LineProtocolTest {

  private static String esc(String name, LineProtocol.Name kind) {
    return LineProtocol.escape(name, kind);
  }

  @Test
  void plainNamesAreWrittenAsTheyAre() {
    assertEquals("interface", esc("interface", MEASUREMENT));
    assertEquals("ge-0/0/0.100", esc("ge-0/0/0.100", TAG_VALUE));
    assertEquals("in_octets", esc("in_octets", FIELD_KEY));
    assertEquals("", esc("", TAG_VALUE));
  }

  @Test
  void commasAndSpacesAreEscapedEverywhere() {
    assertEquals("a\\,b\\ c", esc("a,b c", MEASUREMENT));
    assertEquals("a\\,b\\ c", esc("a,b c", TAG_KEY));
    assertEquals("a\\,b\\ c", esc("a,b c", TAG_VALUE));
    assertEquals("a\\,b\\ c", esc("a,b c", FIELD_KEY));
    assertEquals("\\ lead\\ and\\ trail\\ ", esc(" lead and trail ", TAG_VALUE));
  }

  @Test
  void equalsSignsAreEscapedExceptInMeasurements() {
    assertEquals("k=v", esc("k=v", MEASUREMENT));
    assertEquals("k\\=v", esc("k=v", TAG_KEY));
    assertEquals("k\\=v", esc("k=v", TAG_VALUE));
    assertEquals("k\\=v", esc("k=v", FIELD_KEY));
  }

  @Test
  void lineBreaksAndControlCharactersBecomeText() {
    assertEquals("line1\\nline2", esc("line1\nline2", TAG_VALUE));
    assertEquals("a\\rb\\tc", esc("a\rb\tc", TAG_VALUE));
    assertEquals("nul\\u0000bel\\u0007del\\u007f", esc("nul\u0000bel\u0007del\u007f", FIELD_KEY));
    assertEquals("esc\\u001b", esc("esc\u001b", MEASUREMENT));
  }

  @Test
  void backslashesStayWhereEveryParserReadsThemAsThemselves() {
    assertEquals("C:\\dir", esc("C:\\dir", TAG_VALUE));
    assertEquals("a\\nb", esc("a\\nb", TAG_VALUE), "the text \\n stays the text \\n");
    assertEquals("\\lead", esc("\\lead", MEASUREMENT));
    assertEquals("a\\\"b", esc("a\\\"b", TAG_VALUE), "a backslash before a quote is plain in tags");
  }

  @Test
  void backslashesNoParserReadsBackAlikeBecomeText() {
    assertEquals("end\\u005c", esc("end\\", TAG_VALUE));
    assertEquals("\\u005c", esc("\\", TAG_KEY));
    assertEquals("a\\u005c\\b", esc("a\\\\b", TAG_VALUE), "first of two backslashes");
    assertEquals("a\\u005c\\u005c", esc("a\\\\", MEASUREMENT));
    assertEquals("a\\u005c\\,b", esc("a\\,b", TAG_VALUE), "backslash before an escaped comma");
    assertEquals("a\\u005c\\ b", esc("a\\ b", MEASUREMENT));
    assertEquals("a\\u005c\\=b", esc("a\\=b", FIELD_KEY));
    assertEquals("a\\u005c=b", esc("a\\=b", MEASUREMENT), "1.x reads \\= in a measurement as '=', 3.x as two characters");
    assertEquals("a\\u005c\"b", esc("a\\\"b", MEASUREMENT), "1.x reads \\\" in a measurement as a quote");
    assertEquals("a\\u005c\\nb", esc("a\\\nb", TAG_VALUE), "backslash before a newline");
    assertEquals("a\\u005c\"b", esc("a\\\"b", FIELD_KEY), "1.x reads \\\" in a field key as a quote");
  }

  @Test
  void aLeadingHashWouldMakeTheLineAComment() {
    assertEquals("\\u0023hash", esc("#hash", MEASUREMENT));
    assertEquals("in#side", esc("in#side", MEASUREMENT));
    assertEquals("#tag", esc("#tag", TAG_VALUE));
    assertEquals("#field", esc("#field", FIELD_KEY));
  }

  @Test
  void quotesAndNonAsciiAreWrittenAsTheyAre() {
    assertEquals("say\\ \"hi\"", esc("say \"hi\"", TAG_VALUE));
    assertEquals("\"q\"", esc("\"q\"", FIELD_KEY));
    assertEquals("Überlauf-日本-😀", esc("Überlauf-日本-😀", TAG_VALUE));
  }

  @Test
  void integersCarryAnISuffix() {
    assertEquals("0i", integer(0));
    assertEquals("42i", integer(42));
    assertEquals("-7i", integer(-7));
    assertEquals("9223372036854775807i", integer(Long.MAX_VALUE));
  }

  @ParameterizedTest
  @CsvSource({
      "0.5, 0.5",
      "1, 1.0",
      "-2.25, -2.25",
      "0.00001, 1.0E-5",
      "12345678901234567890, 1.2345678901234567E19",
      "-0.0, -0.0"})
  void floatsAlwaysHaveADecimalPoint(double value, String expected) {
    StringBuilder out = new StringBuilder();
    LineProtocol.appendFloat(out, value);
    assertEquals(expected, out.toString());
  }

  @Test
  void wholeNumbersAreSpelledAsDoubleToStringSpellsThem() {
    // The encoder writes small whole numbers without Double.toString; the text must not change.
    double[] values = {0.0, 1.0, -1.0, 7.0, 100.0, 9_999_999.0, -9_999_999.0, 10_000_000.0, 1.0e9, 1.0e15,
        1.0e18, 9.2e18, 1.0e19, -1.0e19, 0.5, 1e-7, 123456.75, Math.nextDown(1e7), Math.nextUp(1.0)};
    for (double value : values) {
      StringBuilder out = new StringBuilder();
      LineProtocol.appendFloat(out, value);
      assertEquals(Double.toString(value), out.toString());
    }
    for (long n = -2_000; n <= 2_000; n++) {
      StringBuilder out = new StringBuilder();
      LineProtocol.appendFloat(out, n * 4_999.0);
      assertEquals(Double.toString(n * 4_999.0), out.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nanAndInfinityHaveNoSpelling(double value) {
    assertThrows(IllegalArgumentException.class, () -> LineProtocol.appendFloat(new StringBuilder(), value));
  }

  @Test
  void floatsReadBackExactlyInBothGrammars() {
    double[] values = {0.5, 1.0, -2.25, 1e-5, 1e300, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2, -0.0};
    for (double value : values) {
      StringBuilder line = new StringBuilder("m f=");
      LineProtocol.appendFloat(line, value);
      line.append(" 1");
      Point point = LineProtocolReader.both(line.toString());
      assertEquals(value, (Double) point.fields().get("f"), line.toString());
    }
  }

  @Test
  void trickyNamesReadBackUnchangedInEveryPosition() {
    String[] names = {
        "plain", "with space", "comma,comma", "eq=ual", "a, =b", "trailing ", " leading", "in#side",
        "quote\"d", "C:\\dir\\file", "\\back", "x\\y z", "Überlauf 日本 😀", "tab-free=,", ",", " ", "="};
    for (String name : names) {
      String line = line(name, name, name, name);
      Point point = LineProtocolReader.both(line);
      assertEquals(name, point.measurement(), line);
      assertEquals(Map.of(name, name), point.tags(), line);
      assertEquals(Map.of(name, 1L), point.fields(), line);
    }
  }

  @Test
  void textEscapesReadBackAsTheDocumentedText() {
    String written = line("m\n", "k\\", "v\\,x", "f\\\"");
    Point point = LineProtocolReader.both(written);
    assertEquals("m\\n", point.measurement());
    assertEquals("\\u0023m", LineProtocolReader.both(line("#m", "k", "v", "f")).measurement());
    assertEquals(Map.of("k\\u005c", "v\\u005c,x"), point.tags());
    assertEquals(Map.of("f\\u005c\"", 1L), point.fields());
  }

  /** Random names over the characters that matter: every one must read back alike in both grammars. */
  @Test
  void randomNamesReadBackAlikeInBothGrammars() {
    char[] alphabet = {'a', 'Z', '0', ',', ' ', '=', '"', '#', '\\', '\n', '\t', '\r', '\u0000', 'é', '日', 'i', '.', '-'};
    Random random = new Random(20250101L);
    List<String> body = new ArrayList<>();
    for (int round = 0; round < 5000; round++) {
      String[] names = new String[4];
      for (int k = 0; k < names.length; k++) {
        StringBuilder name = new StringBuilder();
        int length = 1 + random.nextInt(8);
        for (int c = 0; c < length; c++) {
          name.append(alphabet[random.nextInt(alphabet.length)]);
        }
        names[k] = name.toString();
      }
      String line = line(names[0], names[1], names[2], names[3]);
      body.add(line);
      Point point = LineProtocolReader.both(line);
      // Without backslashes, control characters and a measurement's leading '#' nothing is lost.
      for (int k = 0; k < names.length; k++) {
        boolean lossless = names[k].chars().noneMatch(ch -> ch == '\\' || ch < 0x20)
            && !(k == 0 && names[k].startsWith("#"));
        if (lossless) {
          String read = switch (k) {
            case 0 -> point.measurement();
            case 1 -> point.tags().keySet().iterator().next();
            case 2 -> point.tags().values().iterator().next();
            default -> point.fields().keySet().iterator().next();
          };
          assertEquals(names[k], read, line);
        }
      }
    }
    // A request body: the servers split it into exactly the lines written.
    assertEquals(body, LineProtocolReader.splitLinesInfluxDb1and2(String.join("\n", body) + "\n"));
    assertEquals(body, List.of((String.join("\n", body) + "\n").split("\n")), "InfluxDB 3 splits the same way");
  }

  @Test
  void theReadersRefuseWhatTheServersRefuse() {
    // Checks of the test's own grammar: the cases the encoder avoids really are broken.
    assertThrows(LineProtocolReader.ParseError.class, () -> LineProtocolReader.influxDb3("m,t=a\\ f=1i 1"));
    assertThrows(LineProtocolReader.ParseError.class, () -> LineProtocolReader.influxDb1and2("m,t=a=b f=1i 1"));
    assertThrows(LineProtocolReader.ParseError.class, () -> LineProtocolReader.influxDb1and2("#m f=1i 1"));
    assertThrows(LineProtocolReader.ParseError.class, () -> LineProtocolReader.both("m,t=a\\\\b f=1i 1"));
    assertThrows(LineProtocolReader.ParseError.class, () -> LineProtocolReader.influxDb3("m,t=a\tb f=1i 1"));
    assertThrows(LineProtocolReader.ParseError.class, () -> LineProtocolReader.both("m f=NaN 1"));
  }

  private static String line(String measurement, String tagKey, String tagValue, String fieldKey) {
    return esc(measurement, MEASUREMENT) + "," + esc(tagKey, TAG_KEY) + "=" + esc(tagValue, TAG_VALUE) + " "
        + esc(fieldKey, FIELD_KEY) + "=1i 1700000000000000000";
  }

  private static String integer(long value) {
    StringBuilder out = new StringBuilder();
    LineProtocol.appendInteger(out, value);
    return out.toString();
  }
}
