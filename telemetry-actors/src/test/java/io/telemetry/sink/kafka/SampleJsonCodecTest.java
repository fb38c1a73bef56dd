package io.telemetry.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.sample.Sample;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleJsonCodecTest {

  private final SampleJsonCodec codec = new SampleJsonCodec();

  // 1700000000 s after the epoch is 2023-11-14T22:13:20Z.
  private static final Instant TIME = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);

  private static Sample interfaceSample() {
    return new Sample(
        "r1",
        "interface",
        TIME,
        Map.of("interface", "ge-0/0/0", "description", "uplink \"A\""),
        Map.of("in_octets", 42L, "out_octets", -1L, "in_errors", Long.MIN_VALUE),
        Map.of("oper_status", 1.0, "mtu", 1514.0),
        Map.of("in_octets", 12.5),
        64,
        "ifindex-7");
  }

  private String json(Sample sample, String node) {
    return new String(codec.encode(sample, node), StandardCharsets.UTF_8);
  }

  @Test
  void writesTheDocumentedShapeWithSortedKeysAndExactUnsignedCounters() {
    assertEquals(
        "{\"schema\":1,\"device\":\"r1\",\"family\":\"interface\","
            + "\"time\":\"2023-11-14T22:13:20.123456789Z\",\"time_unix_nano\":1700000000123456789,"
            + "\"tags\":{\"description\":\"uplink \\\"A\\\"\",\"interface\":\"ge-0/0/0\"},"
            + "\"counters\":{\"in_errors\":9223372036854775808,\"in_octets\":42,"
            + "\"out_octets\":18446744073709551615},"
            + "\"gauges\":{\"mtu\":1514.0,\"oper_status\":1.0},"
            + "\"rates\":{\"in_octets\":12.5},"
            + "\"node\":\"node-a\"}",
        json(interfaceSample(), "node-a"));
  }

  @Test
  void writesAbsentMapsAsEmptyObjectsAndAlwaysNineFractionDigits() {
    Sample bare = new Sample("r2", "route_engine", Instant.parse("2024-02-29T00:00:00Z"),
        Map.of(), Map.of(), Map.of(), Map.of(), 32, "");
    assertEquals(
        "{\"schema\":1,\"device\":\"r2\",\"family\":\"route_engine\","
            + "\"time\":\"2024-02-29T00:00:00.000000000Z\",\"time_unix_nano\":1709164800000000000,"
            + "\"tags\":{},\"counters\":{},\"gauges\":{},\"rates\":{},\"node\":\"n\"}",
        json(bare, "n"));
  }

  @Test
  void leavesOutValuesThatJsonCannotHold() {
    Sample odd = new Sample("r3", "cpu", TIME, Map.of(), Map.of(),
        Map.of("load", Double.NaN, "temp", 40.25), Map.of("x", Double.POSITIVE_INFINITY), 64, "");
    String text = json(odd, "n");
    assertTrue(text.contains("\"gauges\":{\"temp\":40.25}"), text);
    assertTrue(text.contains("\"rates\":{}"), text);
  }

  @Test
  void timesBeforeTheEpochHaveNegativeUnixNanos() {
    Sample early = new Sample("r4", "cpu", Instant.parse("1969-12-31T23:59:59.999999999Z"),
        Map.of(), Map.of(), Map.of(), Map.of(), 64, "");
    assertTrue(json(early, "n").contains("\"time_unix_nano\":-1,"));
  }

  @Test
  void decodesWhatItEncodes() {
    SampleRecord record = codec.decode(codec.encode(interfaceSample(), "node-a"));

    assertEquals(1, record.schema());
    assertEquals("r1", record.device());
    assertEquals("interface", record.family());
    assertEquals(TIME, record.time());
    assertEquals(1_700_000_000_123_456_789L, record.timeUnixNano());
    assertEquals(Map.of("interface", "ge-0/0/0", "description", "uplink \"A\""), record.tags());
    assertEquals(Map.of("in_octets", 42L, "out_octets", -1L, "in_errors", Long.MIN_VALUE), record.counters());
    assertEquals(new BigInteger("18446744073709551615"), record.unsignedCounter("out_octets"));
    assertEquals(new BigInteger("9223372036854775808"), record.unsignedCounter("in_errors"));
    assertEquals(Map.of("oper_status", 1.0, "mtu", 1514.0), record.gauges());
    assertEquals(Map.of("in_octets", 12.5), record.rates());
    assertEquals("node-a", record.node());
  }

  @Test
  void decodingIgnoresFieldsAddedLaterWithinSchemaOne() {
    SampleRecord record = codec.decode(bytes(
        "{\"schema\":1,\"device\":\"d\",\"family\":\"f\",\"time\":\"1970-01-01T00:00:01Z\","
            + "\"time_unix_nano\":1000000000,\"tags\":{},\"counters\":{\"c\":7},\"gauges\":{\"g\":3},"
            + "\"rates\":{},\"node\":\"n\",\"added_in_a_later_release\":{\"x\":[1]}}"));
    assertEquals(Instant.ofEpochSecond(1), record.time());
    assertEquals(Map.of("c", 7L), record.counters());
    assertEquals(Map.of("g", 3.0), record.gauges());
  }

  @Test
  void decodingRefusesOtherSchemasAndBadFieldsNamingTheField() {
    String valid = "{\"schema\":1,\"device\":\"d\",\"family\":\"f\",\"time\":\"1970-01-01T00:00:01Z\","
        + "\"time_unix_nano\":1000000000,\"tags\":{},\"counters\":{},\"gauges\":{},\"rates\":{},\"node\":\"n\"}";
    assertEquals("d", codec.decode(bytes(valid)).device());

    assertMessage(valid.replace("\"schema\":1", "\"schema\":2"), "schema 2");
    assertMessage(valid.replace("\"counters\":{}", "\"counters\":{\"c\":-1}"), "'counters.c'");
    assertMessage(valid.replace("\"counters\":{}", "\"counters\":{\"c\":18446744073709551616}"), "'counters.c'");
    assertMessage(valid.replace("\"counters\":{}", "\"counters\":{\"c\":1.5}"), "'counters.c'");
    assertMessage(valid.replace("\"gauges\":{}", "\"gauges\":{\"g\":\"high\"}"), "'gauges.g'");
    assertMessage(valid.replace("\"tags\":{}", "\"tags\":{\"t\":1}"), "'tags.t'");
    assertMessage(valid.replace("\"device\":\"d\",", ""), "'device'");
    assertMessage(valid.replace("1000000000", "1000000001"), "disagree");
    assertMessage(valid.replace("1970-01-01T00:00:01Z", "yesterday"), "'time'");
    assertMessage("[1,2]", "JSON object");
    assertMessage("{\"schema\":1,", "not JSON");
  }

  private void assertMessage(String json, String expectedPart) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> codec.decode(bytes(json)));
    assertTrue(error.getMessage().contains(expectedPart), error.getMessage());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
