package io.telemetry.it.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.it.support.InfluxPoints;
import io.telemetry.it.support.InfluxPoints.Point;
import io.telemetry.it.support.InfluxdInstalled;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.pipeline.SinkCounters;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Strange names through the sink into the real influxd 1.6 and back out with InfluxQL: what the
 * server stores must be exactly what docs/schema/influx.md says. Most names come back as they
 * were; the few that line protocol 1.x cannot carry come back as the documented text
 * ({@code \n}, {@code \u0007}, {@code \u005c}, {@code \u0023}). Expected values are written out
 * by hand from the documented rules, not computed by the sink's code.
 */
class InfluxEscapingIT {

  private static final String DATABASE = "escaping";
  private static final String DEVICE = "escape-test";
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static ActorTestKit testKit;
  private static EmbeddedInflux influx;

  /** One name in one place: what the sample says and what InfluxDB must store. */
  private record Case(String place, String given, String stored) {}

  private static final List<Case> TAG_VALUES = List.of(
      new Case("tag value", "with space", "with space"),
      new Case("tag value", "a,b", "a,b"),
      new Case("tag value", "k=v", "k=v"),
      new Case("tag value", "say \"hi\"", "say \"hi\""),
      new Case("tag value", "it's", "it's"),
      new Case("tag value", "back\\slash", "back\\slash"),
      new Case("tag value", "trailing\\", "trailing\\u005c"),
      new Case("tag value", "two\\\\backslashes", "two\\u005c\\backslashes"),
      new Case("tag value", "\\,before comma", "\\u005c,before comma"),
      new Case("tag value", "\\ before space", "\\u005c before space"),
      new Case("tag value", "\\=before equals", "\\u005c=before equals"),
      new Case("tag value", "\\\"before quote", "\\\"before quote"),
      new Case("tag value", "line\nbreak", "line\\nbreak"),
      new Case("tag value", "tab\tand\rreturn", "tab\\tand\\rreturn"),
      new Case("tag value", "bell\u0007", "bell\\u0007"),
      new Case("tag value", "ünïcødé € 😀 ğ", "ünïcødé € 😀 ğ"),
      new Case("tag value", "#not a comment", "#not a comment"));

  private static final List<Case> TAG_KEYS = List.of(
      new Case("tag key", "tag key", "tag key"),
      new Case("tag key", "k,1", "k,1"),
      new Case("tag key", "k=2", "k=2"),
      new Case("tag key", "q\"uote", "q\"uote"),
      new Case("tag key", "ключ", "ключ"),
      new Case("tag key", "back\\slash", "back\\slash"),
      new Case("tag key", "end\\", "end\\u005c"),
      new Case("tag key", "#k", "#k"));

  private static final List<Case> MEASUREMENTS = List.of(
      new Case("measurement", "if stats", "if stats"),
      new Case("measurement", "a,b", "a,b"),
      new Case("measurement", "x=y", "x=y"),
      new Case("measurement", "a\\=b", "a\\u005c=b"),
      new Case("measurement", "a\\\"b", "a\\u005c\"b"),
      new Case("measurement", "q\"uote", "q\"uote"),
      new Case("measurement", "it's", "it's"),
      new Case("measurement", "mé€", "mé€"),
      new Case("measurement", "back\\slash", "back\\slash"),
      new Case("measurement", "ends\\", "ends\\u005c"),
      new Case("measurement", "#hash", "\\u0023hash"),
      new Case("measurement", "new\nline", "new\\nline"));

  /** A counter's name, what InfluxDB stores for it and for its rate field ({@code <name>_rate}). */
  private record FieldCase(String given, String stored, String storedRate) {}

  private static final List<FieldCase> FIELD_KEYS = List.of(
      new FieldCase("in octets", "in octets", "in octets_rate"),
      new FieldCase("a,b", "a,b", "a,b_rate"),
      new FieldCase("x=y", "x=y", "x=y_rate"),
      new FieldCase("q\"uote", "q\"uote", "q\"uote_rate"),
      new FieldCase("back\\slash", "back\\slash", "back\\slash_rate"),
      new FieldCase("backslash\\\"quote", "backslash\\u005c\"quote", "backslash\\u005c\"quote_rate"),
      // At the end of the counter's name the backslash is ambiguous; before "_rate" it is not.
      new FieldCase("end\\", "end\\u005c", "end\\_rate"),
      new FieldCase("ünï", "ünï", "ünï_rate"),
      new FieldCase("#f", "#f", "#f_rate"),
      new FieldCase("line\nfeed", "line\\nfeed", "line\\nfeed_rate"));

  @BeforeAll
  static void start() {
    InfluxdInstalled.require();
    influx = EmbeddedInflux.builder().database(DATABASE).build().start();
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stop() {
    if (testKit != null) {
      testKit.shutdownTestKit();
    }
    if (influx != null) {
      influx.close();
    }
  }

  @Test
  void namesRoundTripThroughTheRealServerAsDocumented() throws Exception {
    List<Sample> samples = new ArrayList<>();
    List<Point> expected = new ArrayList<>();
    int n = 0;
    for (Case c : TAG_VALUES) {
      samples.add(sample("tag_values", Map.of("v", c.given()), Map.of("n", (long) n), Map.of(), Map.of(), n));
      expected.add(point("tag_values", Map.of("v", c.stored()), n, Map.of("n", (double) n)));
      n++;
    }
    for (Case c : TAG_KEYS) {
      samples.add(sample("tag_keys", Map.of(c.given(), "x" + n), Map.of("n", (long) n), Map.of(), Map.of(), n));
      expected.add(point("tag_keys", Map.of(c.stored(), "x" + n), n, Map.of("n", (double) n)));
      n++;
    }
    for (Case c : MEASUREMENTS) {
      samples.add(sample(c.given(), Map.of("case", "m" + n), Map.of("n", (long) n), Map.of(), Map.of(), n));
      expected.add(point(c.stored(), Map.of("case", "m" + n), n, Map.of("n", (double) n)));
      n++;
    }
    for (FieldCase c : FIELD_KEYS) {
      // The same odd name as a counter (integer), as a rate (<name>_rate, float) and, with a
      // prefix, as a gauge (float).
      samples.add(sample("field_keys", Map.of("case", "f" + n), Map.of(c.given(), (long) n),
          Map.of("g " + c.given(), n + 0.25), Map.of(c.given(), n + 0.5), n));
      expected.add(point("field_keys", Map.of("case", "f" + n), n,
          Map.of(c.stored(), (double) n, c.storedRate(), n + 0.5, "g " + c.stored(), n + 0.25)));
      n++;
    }
    SinkPipeline sink = new SinkPipeline(testKit.system(), influx.url(), DATABASE);
    sink.write(new PollBatch(DEVICE, samples));
    SinkCounters.Snapshot counters = sink.counters();
    sink.close();
    assertEquals(samples.size(), counters.writtenSamples(), counters.toString());
    assertEquals(0, counters.rejectedPoints(), "nothing refused: " + counters);

    List<Point> stored = InfluxPoints.all(influx, DATABASE);
    List<String> problems = new ArrayList<>();
    for (Point want : expected) {
      List<Point> found = stored.stream()
          .filter(p -> p.measurement().equals(want.measurement()) && p.tags().equals(want.tags()))
          .toList();
      if (found.size() != 1) {
        problems.add("expected one point " + show(want) + ", found " + found.size());
      } else if (found.get(0).time() != want.time() || !values(found.get(0)).equals(values(want))) {
        problems.add("expected " + show(want) + ", found " + show(found.get(0)));
      }
    }
    if (stored.size() != expected.size()) {
      problems.add("expected " + expected.size() + " points, the database holds " + stored.size());
    }
    assertTrue(problems.isEmpty(), "the real server stored other names than documented:\n  "
        + String.join("\n  ", problems) + "\nall stored points:\n  "
        + String.join("\n  ", stored.stream().map(InfluxEscapingIT::show).toList()));
  }

  private static Sample sample(String family, Map<String, String> tags, Map<String, Long> counters,
      Map<String, Double> gauges, Map<String, Double> rates, int n) {
    return new Sample(DEVICE, family, T0.plusSeconds(n), tags, counters, gauges, rates, 64, "");
  }

  private static Point point(String measurement, Map<String, String> tags, int n, Map<String, Double> fields) {
    Map<String, String> allTags = new TreeMap<>(tags);
    allTags.put("device", DEVICE);
    Map<String, JsonNode> values = new TreeMap<>();
    fields.forEach((k, v) -> values.put(k, DoubleNode.valueOf(v)));
    return new Point(measurement, allTags, T0.plusSeconds(n).getEpochSecond() * 1_000_000_000L, values);
  }

  private static Map<String, Double> values(Point point) {
    Map<String, Double> values = new TreeMap<>();
    point.fields().forEach((k, v) -> values.put(k, v.asDouble()));
    return values;
  }

  // Java string escapes, so that invisible differences show.
  private static String show(Point p) {
    return visible(p.measurement()) + " " + visible(p.tags().toString()) + " " + visible(values(p).toString())
        + " @" + p.time();
  }

  private static String visible(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '"') {
        out.append("\\\"");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.append('"').toString();
  }
}
