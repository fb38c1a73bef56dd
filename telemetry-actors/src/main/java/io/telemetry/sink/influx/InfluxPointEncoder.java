package io.telemetry.sink.influx;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
  // Below MIN_NANOS, so never a valid time.
  private static final long OUT_OF_RANGE = Long.MIN_VALUE;

  public EncodedSample encode(Sample sample) {
    long nanos = epochNanos(sample.time());
    if (nanos == OUT_OF_RANGE || sample.family().isEmpty()) {
      String why = nanos == OUT_OF_RANGE
          ? "time " + sample.time() + " is outside InfluxDB's range"
          : "the sample has no family (measurement name)";
      List<String> skipped = new ArrayList<>();
      allValues(sample).forEach(name -> skipped.add(name + ": " + why));
      return new EncodedSample(sample, null, 0, skipped);
    }
    Fields fields = new Fields(sample);
    if (fields.count == 0) {
      return new EncodedSample(sample, null, 0, fields.skipped());
    }
    StringBuilder line = new StringBuilder(lengthEstimate(sample, fields));
    LineProtocol.appendEscaped(line, sample.family(), LineProtocol.Name.MEASUREMENT);
    appendTags(line, sample);
    fields.appendSorted(line);
    line.append(' ').append(nanos);
    return new EncodedSample(sample, line.toString(), fields.count, fields.skipped());
  }

  // Room for the whole line in the common case (no escapes, values up to 20 characters), so the
  // builder never grows: a line is a few hundred characters.
  private static int lengthEstimate(Sample sample, Fields fields) {
    int length = 24 + sample.family().length() + sample.device().length() + DEVICE_TAG.length();
    for (Map.Entry<String, String> tag : sample.tags().entrySet()) {
      length += tag.getKey().length() + tag.getValue().length() + 2;
    }
    for (int i = 0; i < fields.count; i++) {
      length += fields.names[i].length() + 22;
    }
    return length;
  }

  // Tags sorted by key (InfluxDB's canonical order); the sample's device wins over a tag named device.
  private static void appendTags(StringBuilder line, Sample sample) {
    Map<String, String> tags = sample.tags();
    boolean device = !sample.device().isEmpty();
    String[] keys = new String[tags.size() + 1];
    int n = 0;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      if (!key.isEmpty() && !tag.getValue().isEmpty() && !(device && key.equals(DEVICE_TAG))) {
        keys[n++] = key;
      }
    }
    if (device) {
      keys[n++] = DEVICE_TAG;
    }
    Arrays.sort(keys, 0, n);
    for (int i = 0; i < n; i++) {
      String key = keys[i];
      line.append(',');
      LineProtocol.appendEscaped(line, key, LineProtocol.Name.TAG_KEY);
      line.append('=');
      LineProtocol.appendEscaped(line, device && key.equals(DEVICE_TAG) ? sample.device() : tags.get(key),
          LineProtocol.Name.TAG_VALUE);
    }
  }

  /**
   * The values that can be written, taken kind by kind in a fixed order (counters, rates, gauges,
   * each by name) so that a name clash always keeps the same one; written sorted by field name.
   * Values are appended straight to the line: no map or string per value (this runs for every
   * sample the node polls).
   */
  private static final class Fields {
    private final String[] names;
    private final long[] integers;
    private final double[] floats;
    private final boolean[] isInteger;
    private int count;
    private List<String> skipped;

    Fields(Sample sample) {
      int capacity = sample.counters().size() + sample.rates().size() + sample.gauges().size();
      names = new String[capacity];
      integers = new long[capacity];
      floats = new double[capacity];
      isInteger = new boolean[capacity];
      for (Map.Entry<String, Long> counter : sorted(sample.counters())) {
        String name = counter.getKey();
        long value = counter.getValue();
        if (value < 0) {
          skip(name + ": counter " + Long.toUnsignedString(value) + " is above 2^63-1, the largest InfluxDB integer");
        } else if (accepts(name, "counter")) {
          integers[count] = value;
          isInteger[count] = true;
          names[count++] = name;
        }
      }
      for (Map.Entry<String, Double> rate : sorted(sample.rates())) {
        addFloat(rate.getKey() + RATE_SUFFIX, rate.getValue(), "rate");
      }
      for (Map.Entry<String, Double> gauge : sorted(sample.gauges())) {
        addFloat(gauge.getKey(), gauge.getValue(), "gauge");
      }
    }

    private void addFloat(String name, Double value, String kind) {
      if (value == null || !Double.isFinite(value)) {
        skip(name + ": " + kind + " " + value + " has no line protocol spelling");
      } else if (accepts(name, kind)) {
        floats[count] = value;
        names[count++] = name;
      }
    }

    private boolean accepts(String name, String kind) {
      if (name.isEmpty()) {
        skip("(empty name): " + kind + " has no field name");
        return false;
      }
      for (int i = 0; i < count; i++) {
        if (names[i].equals(name)) {
          skip(name + ": " + kind + " has the name of another field of the sample");
          return false;
        }
      }
      return true;
    }

    private void skip(String why) {
      if (skipped == null) {
        skipped = new ArrayList<>();
      }
      skipped.add(why);
    }

    List<String> skipped() {
      return skipped == null ? List.of() : skipped;
    }

    void appendSorted(StringBuilder line) {
      int[] order = new int[count];
      for (int i = 0; i < count; i++) {
        order[i] = i;
      }
      // Insertion sort: a sample has tens of fields at most, often nearly in order already.
      for (int i = 1; i < count; i++) {
        int current = order[i];
        int j = i - 1;
        while (j >= 0 && names[order[j]].compareTo(names[current]) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = current;
      }
      char separator = ' ';
      for (int i : order) {
        line.append(separator);
        LineProtocol.appendEscaped(line, names[i], LineProtocol.Name.FIELD_KEY);
        line.append('=');
        if (isInteger[i]) {
          LineProtocol.appendInteger(line, integers[i]);
        } else {
          LineProtocol.appendFloat(line, floats[i]);
        }
        separator = ',';
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> Map.Entry<String, V>[] sorted(Map<String, V> values) {
    Map.Entry<String, V>[] entries = values.entrySet().toArray(new Map.Entry[0]);
    Arrays.sort(entries, Map.Entry.comparingByKey());
    return entries;
  }

  private static List<String> allValues(Sample sample) {
    List<String> names = new ArrayList<>(new TreeMap<>(sample.counters()).keySet());
    sample.rates().keySet().stream().sorted().forEach(counter -> names.add(counter + RATE_SUFFIX));
    names.addAll(new TreeMap<>(sample.gauges()).keySet());
    return names;
  }

  /** Nanoseconds since the epoch, or {@link #OUT_OF_RANGE} outside InfluxDB's range. */
  private static long epochNanos(Instant time) {
    try {
      long nanos = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
      return nanos < MIN_NANOS || nanos > MAX_NANOS ? OUT_OF_RANGE : nanos;
    } catch (ArithmeticException e) {
      return OUT_OF_RANGE;
    }
  }
}
