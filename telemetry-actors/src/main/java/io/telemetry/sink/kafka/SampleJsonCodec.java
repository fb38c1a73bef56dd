package io.telemetry.sink.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.telemetry.sample.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The JSON value of a telemetry Kafka record, schema version 1 (documented in
 * docs/schema/kafka-records.md, JSON Schema in docs/schema/kafka-sample-v1.schema.json).
 *
 * <p>Encoding writes fields in a fixed order and map keys sorted, so equal samples give equal
 * bytes. Counters are written as exact JSON integers, unsigned (a counter above
 * {@link Long#MAX_VALUE} is written as the unsigned number, never negative). NaN and infinite
 * gauges/rates have no JSON form and are left out. Decoding ignores unknown fields (additive
 * changes keep the schema version) and refuses any other schema version.
 *
 * <p>Thread-safe; share one instance.
 */
public final class SampleJsonCodec {

  public static final int SCHEMA_VERSION = 1;

  // Always nine fraction digits: fixed width, and nanosecond polling times survive as written.
  private static final DateTimeFormatter RFC_3339_NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final BigInteger MAX_UNSIGNED_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final ObjectMapper mapper =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private final JsonFactory factory = mapper.getFactory();

  /** The JSON value (UTF-8) of one sample polled by {@code node}. */
  public byte[] encode(Sample sample, String node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = factory.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("schema", SCHEMA_VERSION);
      json.writeStringField("device", sample.device());
      json.writeStringField("family", sample.family());
      json.writeStringField("time", RFC_3339_NANOS.format(sample.time()));
      json.writeNumberField("time_unix_nano", unixNanos(sample.time()));
      json.writeObjectFieldStart("tags");
      for (Map.Entry<String, String> tag : new TreeMap<>(sample.tags()).entrySet()) {
        json.writeStringField(tag.getKey(), tag.getValue());
      }
      json.writeEndObject();
      json.writeObjectFieldStart("counters");
      for (Map.Entry<String, Long> counter : new TreeMap<>(sample.counters()).entrySet()) {
        json.writeFieldName(counter.getKey());
        writeUnsigned(json, counter.getValue());
      }
      json.writeEndObject();
      writeFiniteNumbers(json, "gauges", sample.gauges());
      writeFiniteNumbers(json, "rates", sample.rates());
      json.writeStringField("node", node);
      json.writeEndObject();
    } catch (IOException e) {
      // Writing to memory does not fail for I/O reasons; keep the cause if it ever does.
      throw new UncheckedIOException("device " + sample.device() + ": cannot encode sample as JSON", e);
    }
    return out.toByteArray();
  }

  /**
   * Reads one record value.
   *
   * @throws IllegalArgumentException naming the field when the value is not valid schema-1 JSON
   */
  public SampleRecord decode(byte[] value) {
    JsonNode root;
    try {
      root = mapper.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("telemetry record value is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("telemetry record value must be a JSON object");
    }
    int schema = field(root, "schema", n -> n.isIntegralNumber() && n.canConvertToInt(), "an integer").intValue();
    if (schema != SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          "telemetry record has schema " + schema + "; this decoder reads schema " + SCHEMA_VERSION);
    }
    String device = text(root, "device");
    String family = text(root, "family");
    Instant time = parseTime(text(root, "time"));
    long timeUnixNano = field(root, "time_unix_nano", n -> n.isIntegralNumber() && n.canConvertToLong(), "a 64-bit integer").longValue();
    if (unixNanos(time) != timeUnixNano) {
      throw new IllegalArgumentException("telemetry record of device " + device
          + ": time " + time + " and time_unix_nano " + timeUnixNano + " disagree");
    }
    return new SampleRecord(
        schema,
        device,
        family,
        time,
        timeUnixNano,
        map(root, "tags", (name, node) -> node.isTextual() ? node.textValue() : null, "a string"),
        map(root, "counters", SampleJsonCodec::unsignedBits, "an integer from 0 to 2^64-1"),
        map(root, "gauges", SampleJsonCodec::number, "a number"),
        map(root, "rates", SampleJsonCodec::number, "a number"),
        text(root, "node"));
  }

  private static void writeUnsigned(JsonGenerator json, long bits) throws IOException {
    if (bits >= 0) {
      json.writeNumber(bits);
    } else {
      json.writeNumber(new BigInteger(Long.toUnsignedString(bits)));
    }
  }

  private static void writeFiniteNumbers(JsonGenerator json, String field, Map<String, Double> values)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (Map.Entry<String, Double> entry : new TreeMap<>(values).entrySet()) {
      double value = entry.getValue();
      if (Double.isFinite(value)) {
        json.writeNumberField(entry.getKey(), value);
      }
    }
    json.writeEndObject();
  }

  private static long unixNanos(Instant time) {
    return Math.addExact(Math.multiplyExact(time.getEpochSecond(), NANOS_PER_SECOND), time.getNano());
  }

  private static Instant parseTime(String text) {
    try {
      // RFC 3339 with any offset; Instant keeps it as UTC.
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("telemetry record field 'time' is not an RFC 3339 time: " + text, e);
    }
  }

  private static Long unsignedBits(String name, JsonNode node) {
    if (!node.isIntegralNumber()) {
      return null;
    }
    BigInteger value = node.bigIntegerValue();
    if (value.signum() < 0 || value.compareTo(MAX_UNSIGNED_64) > 0) {
      return null;
    }
    return value.longValue(); // the low 64 bits: the unsigned value as Sample holds it
  }

  private static Double number(String name, JsonNode node) {
    return node.isNumber() ? node.doubleValue() : null;
  }

  private static String text(JsonNode root, String name) {
    return field(root, name, JsonNode::isTextual, "a string").textValue();
  }

  private static JsonNode field(
      JsonNode root, String name, java.util.function.Predicate<JsonNode> valid, String expected) {
    JsonNode node = root.get(name);
    if (node == null || !valid.test(node)) {
      throw new IllegalArgumentException("telemetry record field '" + name + "' must be " + expected
          + (node == null ? " but is missing" : ", was " + node));
    }
    return node;
  }

  /** A JSON object whose values {@code convert} accepts (returns non-null) into a map. */
  private static <V> Map<String, V> map(
      JsonNode root, String name, BiFunction<String, JsonNode, V> convert, String expected) {
    JsonNode object = field(root, name, JsonNode::isObject, "an object");
    Map<String, V> values = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      V value = convert.apply(entry.getKey(), entry.getValue());
      if (value == null) {
        throw new IllegalArgumentException("telemetry record field '" + name + "." + entry.getKey()
            + "' must be " + expected + ", was " + entry.getValue());
      }
      values.put(entry.getKey(), value);
    }
    return values;
  }
}
