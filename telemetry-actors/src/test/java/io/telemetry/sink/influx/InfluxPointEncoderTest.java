package io.telemetry.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.sample.Sample;
import io.telemetry.sink.influx.LineProtocolReader.Point;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data model of docs/schema/influx.md, one rule at a time. */
class InfluxPointEncoderTest {

  private static final Instant T = Instant.parse("2025-01-01T00:00:00.123456789Z");
  // 2025-01-01T00:00:00Z is 1735689600 s after the epoch.
  private static final long T_NANOS = 1_735_689_600_123_456_789L;

  private final InfluxPointEncoder encoder = new InfluxPointEncoder();

  private static Sample sample(Map<String, String> tags, Map<String, Long> counters, Map<String, Double> gauges,
      Map<String, Double> rates) {
    return new Sample("edge1.ams1", "interface", T, tags, counters, gauges, rates, 64, "");
  }

  @Test
  void measurementPerFamilyDeviceAndTagsAsTagsTypedFieldsNanosecondTime() {
    Sample s = sample(Map.of("interface", "ge-0/0/0", "re", "re0"),
        Map.of("in_octets", 1000L, "out_octets", 2000L),
        Map.of("oper_status", 1.0, "speed_bps", 1.0e10),
        Map.of("in_octets", 12.5));

    EncodedSample encoded = encoder.encode(s);

    assertEquals("interface,device=edge1.ams1,interface=ge-0/0/0,re=re0 "
            + "in_octets=1000i,in_octets_rate=12.5,oper_status=1.0,out_octets=2000i,speed_bps=1.0E10 "
            + "1735689600123456789",
        encoded.line());
    assertEquals(5, encoded.fields());
    assertEquals(List.of(), encoded.skipped());
    Point point = LineProtocolReader.both(encoded.line());
    assertEquals("interface", point.measurement());
    assertEquals(Map.of("device", "edge1.ams1", "interface", "ge-0/0/0", "re", "re0"), point.tags());
    assertEquals(Map.of("in_octets", 1000L, "out_octets", 2000L, "in_octets_rate", 12.5, "oper_status", 1.0,
        "speed_bps", 1.0e10), point.fields());
    assertEquals(T_NANOS, point.timestamp());
  }

  @Test
  void samplesOneNanosecondApartNeverCollide() {
    Sample first = sample(Map.of("interface", "xe-1/0/0"), Map.of("in_octets", 1L), Map.of(), Map.of());
    Sample second = new Sample(first.device(), first.family(), T.plusNanos(1), first.tags(), Map.of("in_octets", 2L),
        Map.of(), Map.of(), 64, "");
    long a = LineProtocolReader.both(encoder.encode(first).line()).timestamp();
    long b = LineProtocolReader.both(encoder.encode(second).line()).timestamp();
    assertEquals(T_NANOS, a);
    assertEquals(T_NANOS + 1, b);
  }

  @Test
  void timesBeforeTheEpochAreNegativeNanoseconds() {
    Sample s = new Sample("r1", "route_engine", Instant.parse("1969-12-31T23:59:59.999999999Z"), Map.of(),
        Map.of(), Map.of("cpu_idle", 90.0), Map.of(), 64, "");
    assertEquals(-1L, LineProtocolReader.both(encoder.encode(s).line()).timestamp());
  }

  @Test
  void nanAndInfiniteValuesAreLeftOutAndReported() {
    Sample s = sample(Map.of("interface", "ge-0/0/1"), Map.of("in_octets", 5L),
        Map.of("oper_status", Double.NaN), Map.of("in_octets", Double.POSITIVE_INFINITY));

    EncodedSample encoded = encoder.encode(s);

    assertEquals("interface,device=edge1.ams1,interface=ge-0/0/1 in_octets=5i 1735689600123456789", encoded.line());
    assertEquals(1, encoded.fields());
    assertEquals(2, encoded.skipped().size());
    assertTrue(encoded.skipped().get(0).startsWith("in_octets_rate: "), encoded.skipped().toString());
    assertTrue(encoded.skipped().get(1).startsWith("oper_status: "), encoded.skipped().toString());
  }

  @Test
  void aSampleWithNoWritableValueHasNoLine() {
    Sample s = sample(Map.of("interface", "ge-0/0/2"), Map.of(), Map.of("cpu", Double.NaN, "mem", Double.NEGATIVE_INFINITY),
        Map.of());
    EncodedSample encoded = encoder.encode(s);
    assertFalse(encoded.hasLine());
    assertNull(encoded.line());
    assertEquals(0, encoded.fields());
    assertEquals(2, encoded.skipped().size());

    EncodedSample empty = encoder.encode(sample(Map.of(), Map.of(), Map.of(), Map.of()));
    assertFalse(empty.hasLine());
    assertEquals(List.of(), empty.skipped(), "nothing to write, nothing lost");
  }

  @Test
  void countersFromTwoToTheSixtyThreeUpAreLeftOutNotWrapped() {
    // The sample carries unsigned 64-bit counters in a long: -1 is 2^64-1, MIN_VALUE is 2^63.
    Sample s = sample(Map.of("interface", "et-0/0/0"),
        Map.of("in_octets", -1L, "out_octets", Long.MIN_VALUE, "in_packets", Long.MAX_VALUE), Map.of(), Map.of());

    EncodedSample encoded = encoder.encode(s);

    assertEquals("interface,device=edge1.ams1,interface=et-0/0/0 in_packets=9223372036854775807i 1735689600123456789",
        encoded.line());
    assertEquals(2, encoded.skipped().size());
    assertTrue(encoded.skipped().get(0).contains("18446744073709551615"), encoded.skipped().get(0));
    assertTrue(encoded.skipped().get(1).contains("9223372036854775808"), encoded.skipped().get(1));
  }

  @Test
  void aFieldNameTakenTwiceKeepsTheFirstKindAndReportsTheOther() {
    // A gauge named like the rate of a counter: the rate (added before gauges) keeps the name.
    Sample s = sample(Map.of(), Map.of("in_octets", 1L), Map.of("in_octets_rate", 99.0), Map.of("in_octets", 2.0));
    EncodedSample encoded = encoder.encode(s);
    assertEquals(Map.of("in_octets", 1L, "in_octets_rate", 2.0), LineProtocolReader.both(encoded.line()).fields());
    assertEquals(1, encoded.skipped().size());
    assertTrue(encoded.skipped().get(0).startsWith("in_octets_rate: gauge"), encoded.skipped().get(0));
  }

  @Test
  void emptyTagsAreLeftOutAndTheDeviceTagIsTheSamplesDevice() {
    Sample s = sample(Map.of("interface", "ge-0/0/3", "description", "", "device", "spoofed"),
        Map.of("in_octets", 1L), Map.of(), Map.of());
    Point point = LineProtocolReader.both(encoder.encode(s).line());
    assertEquals(Map.of("device", "edge1.ams1", "interface", "ge-0/0/3"), point.tags());
  }

  @Test
  void timesOutsideInfluxRangeLoseTheWholeSample() {
    Sample s = new Sample("r1", "interface", Instant.parse("2263-01-01T00:00:00Z"), Map.of(),
        Map.of("in_octets", 1L), Map.of("oper_status", 1.0), Map.of("in_octets", 2.0), 64, "");
    EncodedSample encoded = encoder.encode(s);
    assertFalse(encoded.hasLine());
    assertEquals(3, encoded.skipped().size(), "every value is reported");
    assertTrue(encoded.skipped().get(0).contains("outside InfluxDB's range"), encoded.skipped().get(0));

    Sample early = new Sample("r1", "interface", Instant.parse("1677-09-21T00:00:00Z"), Map.of(),
        Map.of("in_octets", 1L), Map.of(), Map.of(), 64, "");
    assertFalse(encoder.encode(early).hasLine());
    Sample latest = new Sample("r1", "interface", Instant.ofEpochSecond(0, Long.MAX_VALUE - 1), Map.of(),
        Map.of("in_octets", 1L), Map.of(), Map.of(), 64, "");
    assertEquals(Long.MAX_VALUE - 1, LineProtocolReader.both(encoder.encode(latest).line()).timestamp());
  }

  @Test
  void specialCharactersInEveryPartReadBack() {
    Sample s = new Sample("lab rtr,1", "my family", T, Map.of("if name", "ge-0/0/0 \"uplink\", to=core", "ü", "日本"),
        Map.of("in octets", 7L), Map.of("temp=c", 21.5), Map.of(), 64, "");
    Point point = LineProtocolReader.both(encoder.encode(s).line());
    assertEquals("my family", point.measurement());
    assertEquals(Map.of("device", "lab rtr,1", "if name", "ge-0/0/0 \"uplink\", to=core", "ü", "日本"), point.tags());
    assertEquals(Map.of("in octets", 7L, "temp=c", 21.5), point.fields());
  }

  /**
   * Random samples (names that clash across kinds, empty names and tags, escapes, NaN, counters
   * above 2^63) against the data model's rules, computed here the plain way: every written value
   * reads back, fields come sorted by name, every value left out is reported once.
   */
  @Test
  void randomSamplesFollowTheDataModel() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(20261121);
    String[] names = {"in_octets", "out_octets", "in_octets_rate", "a", "a_b", "b", "", "temp=c", "x y", "z,1",
        "device", "ü"};
    for (int n = 0; n < 3000; n++) {
      Map<String, Long> counters = new java.util.HashMap<>();
      Map<String, Double> rates = new java.util.HashMap<>();
      Map<String, Double> gauges = new java.util.HashMap<>();
      Map<String, String> tags = new java.util.HashMap<>();
      for (int i = random.nextInt(8); i > 0; i--) {
        String name = names[random.nextInt(names.length)];
        counters.put(name, random.nextInt(10) == 0 ? -1 - random.nextLong(1000) : random.nextLong(Long.MAX_VALUE));
        rates.put(names[random.nextInt(names.length)], randomDouble(random));
        gauges.put(names[random.nextInt(names.length)], randomDouble(random));
        tags.put(names[random.nextInt(names.length)], random.nextInt(5) == 0 ? "" : "v" + random.nextInt(3));
      }
      String device = random.nextInt(10) == 0 ? "" : "r" + random.nextInt(5);
      Sample s = new Sample(device, "interface", T, tags, counters, gauges, rates, 64, "");

      // The rules: counters, then rates, then gauges, each kind by name; the first of a name wins.
      Map<String, Object> fields = new java.util.TreeMap<>();
      int left = 0;
      for (Map.Entry<String, Long> c : new java.util.TreeMap<>(counters).entrySet()) {
        left += c.getValue() < 0 || c.getKey().isEmpty() || fields.putIfAbsent(c.getKey(), c.getValue()) != null ? 1 : 0;
      }
      for (Map.Entry<String, Double> r : new java.util.TreeMap<>(rates).entrySet()) {
        String name = r.getKey() + "_rate";
        left += !Double.isFinite(r.getValue()) || fields.putIfAbsent(name, r.getValue()) != null ? 1 : 0;
      }
      for (Map.Entry<String, Double> g : new java.util.TreeMap<>(gauges).entrySet()) {
        left += !Double.isFinite(g.getValue()) || g.getKey().isEmpty()
            || fields.putIfAbsent(g.getKey(), g.getValue()) != null ? 1 : 0;
      }
      Map<String, String> expectedTags = new java.util.TreeMap<>();
      tags.forEach((k, v) -> {
        if (!k.isEmpty() && !v.isEmpty()) {
          expectedTags.put(k, v);
        }
      });
      if (!device.isEmpty()) {
        expectedTags.put("device", device);
      }

      EncodedSample encoded = encoder.encode(s);

      assertEquals(left, encoded.skipped().size(), s + " -> " + encoded.skipped());
      assertEquals(fields.size(), encoded.fields(), s.toString());
      if (fields.isEmpty()) {
        assertFalse(encoded.hasLine(), s.toString());
        continue;
      }
      Point point = LineProtocolReader.both(encoded.line());
      assertEquals(fields, point.fields(), encoded.line());
      assertEquals(List.copyOf(fields.keySet()), List.copyOf(point.fields().keySet()), "sorted: " + encoded.line());
      assertEquals(expectedTags, point.tags(), encoded.line());
      assertEquals(List.copyOf(expectedTags.keySet()), List.copyOf(point.tags().keySet()), "sorted: " + encoded.line());
      assertEquals(expectedTags.size(), tagsWritten(encoded.line()), "each tag once: " + encoded.line());
      assertEquals(T_NANOS, point.timestamp());
    }
  }

  /** Tags in a line: commas before the first space, escaped ones aside (the reader keeps the last of a repeated key). */
  private static int tagsWritten(String line) {
    int commas = 0;
    for (int i = 0; i < line.length() && line.charAt(i) != ' '; i++) {
      if (line.charAt(i) == '\\') {
        i++;
      } else if (line.charAt(i) == ',') {
        commas++;
      }
    }
    return commas;
  }

  private static double randomDouble(java.util.SplittableRandom random) {
    return switch (random.nextInt(6)) {
      case 0 -> Double.NaN;
      case 1 -> random.nextInt(1000); // whole numbers take a shortcut in LineProtocol.appendFloat
      case 2 -> -0.0;
      case 3 -> random.nextDouble() * 1e12;
      case 4 -> random.nextDouble() * 1e-3;
      default -> random.nextDouble() * 1e7 - 5e6;
    };
  }

  @Test
  void theSeriesNamesDeviceFamilyAndTags() {
    Sample s = sample(Map.of("interface", "ge-0/0/0"), Map.of("in_octets", 1L), Map.of(), Map.of());
    assertEquals("edge1.ams1/interface,interface=ge-0/0/0", encoder.encode(s).series());
    assertNotEquals(encoder.encode(s).series(),
        encoder.encode(sample(Map.of("interface", "ge-0/0/1"), Map.of("in_octets", 1L), Map.of(), Map.of())).series());
  }
}
