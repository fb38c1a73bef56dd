package io.telemetry.sink.influx;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a sample into one InfluxDB point (see docs/schema/influx.md): measurement = family; tags =
 * {@code device} plus the sample's tags; fields = counters as integers, rates as
 * {@code <counter>_rate} floats, gauges as floats; timestamp = the sample's time in nanoseconds.
 *
 * <p>Values that cannot be written are left out and reported, never guessed: NaN and infinite
 * floats; counters at or above 2^63 (InfluxDB integers are signed; a float or unsigned field under
 * the same name would conflict with the integers already written); a field whose name is empty or
 * already taken in the line. A sample whose time is outside InfluxDB's range (years 1677..2262) or
 * whose family is empty loses all its values. Tags with an empty key or value are left out
 * (InfluxDB has no empty tags); the sample's {@code device} wins over a tag named {@code device}.
 */
public final class InfluxPointEncoder {

  public static final String DEVICE_TAG = "device";
  public static final String RATE_SUFFIX = "_rate";

  // InfluxDB's time range: models.MinNanoTime and MaxNanoTime.
  private static final long MIN_NANOS = Long.MIN_VALUE + 2;
  private static final long MAX_NANOS = Long.MAX_VALUE - 1;

  public EncodedSample encode(Sample sample) {
    List<String> skipped = new ArrayList<>();
    Long nanos = epochNanos(sample.time());
    if (nanos == null || sample.family().isEmpty()) {
      String why = nanos == null
          ? "time " + sample.time() + " is outside InfluxDB's range"
          : "the sample has no family (measurement name)";
      allValues(sample).forEach(name -> skipped.add(name + ": " + why));
      return new EncodedSample(sample, null, 0, skipped);
    }
    Map<String, String> fields = fields(sample, skipped);
    if (fields.isEmpty()) {
      return new EncodedSample(sample, null, 0, skipped);
    }
    StringBuilder line = new StringBuilder(64 + 24 * fields.size());
    LineProtocol.appendEscaped(line, sample.family(), LineProtocol.Name.MEASUREMENT);
    tags(sample).forEach((key, value) -> {
      line.append(',');
      LineProtocol.appendEscaped(line, key, LineProtocol.Name.TAG_KEY);
      line.append('=');
      LineProtocol.appendEscaped(line, value, LineProtocol.Name.TAG_VALUE);
    });
    char separator = ' ';
    for (Map.Entry<String, String> field : fields.entrySet()) {
      line.append(separator);
      LineProtocol.appendEscaped(line, field.getKey(), LineProtocol.Name.FIELD_KEY);
      line.append('=').append(field.getValue());
      separator = ',';
    }
    line.append(' ').append(nanos.longValue());
    return new EncodedSample(sample, line.toString(), fields.size(), skipped);
  }

  private static Map<String, String> tags(Sample sample) {
    Map<String, String> tags = new TreeMap<>();
    sample.tags().forEach((key, value) -> {
      if (!key.isEmpty() && !value.isEmpty()) {
        tags.put(key, value);
      }
    });
    if (!sample.device().isEmpty()) {
      tags.put(DEVICE_TAG, sample.device());
    }
    return tags;
  }

  // Sorted by field name; the kinds are added in a fixed order so a name clash always keeps the same one.
  private static Map<String, String> fields(Sample sample, List<String> skipped) {
    Map<String, String> fields = new TreeMap<>();
    new TreeMap<>(sample.counters()).forEach((name, value) -> {
      if (value < 0) {
        skipped.add(name + ": counter " + Long.toUnsignedString(value)
            + " is above 2^63-1, the largest InfluxDB integer");
      } else {
        StringBuilder text = new StringBuilder(21);
        LineProtocol.appendInteger(text, value);
        put(fields, name, text.toString(), "counter", skipped);
      }
    });
    new TreeMap<>(sample.rates()).forEach((counter, value) ->
        putFloat(fields, counter + RATE_SUFFIX, value, "rate", skipped));
    new TreeMap<>(sample.gauges()).forEach((name, value) -> putFloat(fields, name, value, "gauge", skipped));
    return fields;
  }

  private static void putFloat(Map<String, String> fields, String name, Double value, String kind, List<String> skipped) {
    if (value == null || !Double.isFinite(value)) {
      skipped.add(name + ": " + kind + " " + value + " has no line protocol spelling");
      return;
    }
    StringBuilder text = new StringBuilder(24);
    LineProtocol.appendFloat(text, value);
    put(fields, name, text.toString(), kind, skipped);
  }

  private static void put(Map<String, String> fields, String name, String value, String kind, List<String> skipped) {
    if (name.isEmpty()) {
      skipped.add("(empty name): " + kind + " has no field name");
    } else if (fields.containsKey(name)) {
      skipped.add(name + ": " + kind + " has the name of another field of the sample");
    } else {
      fields.put(name, value);
    }
  }

  private static List<String> allValues(Sample sample) {
    List<String> names = new ArrayList<>(new TreeMap<>(sample.counters()).keySet());
    sample.rates().keySet().stream().sorted().forEach(counter -> names.add(counter + RATE_SUFFIX));
    names.addAll(new TreeMap<>(sample.gauges()).keySet());
    return names;
  }

  private static Long epochNanos(Instant time) {
    try {
      long nanos = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
      return nanos < MIN_NANOS || nanos > MAX_NANOS ? null : nanos;
    } catch (ArithmeticException e) {
      return null;
    }
  }
}
