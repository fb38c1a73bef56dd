package io.telemetry.sample;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One reading of one series: a measurement family (interface, route_engine, ...) of one device,
 * identified by its tags, with numeric values.
 *
 * <p>Counters are raw, monotonically increasing device counters (unsigned, {@code counterBits}
 * wide). Gauges are instantaneous values. Rates are per-second rates derived from counters by the
 * device actor; a collector leaves them empty. Maps are sorted so that serialised output is stable.
 *
 * @param device        target id
 * @param family        measurement family, e.g. {@code interface}
 * @param time          when the device's reply was received (nanosecond precision)
 * @param tags          series identity besides device, e.g. {@code interface=ge-0/0/0}
 * @param counters      raw counters by vendor-neutral field name
 * @param gauges        gauges by vendor-neutral field name
 * @param rates         per-second rates keyed by the counter name they derive from
 * @param counterBits   width of the counters (32 or 64); decides wrap arithmetic
 * @param discontinuity opaque token that changes when the series' counters restart (e.g. an
 *                      interface was re-created); {@code ""} when the source has none
 */
public record Sample(
    String device,
    String family,
    Instant time,
    Map<String, String> tags,
    Map<String, Long> counters,
    Map<String, Double> gauges,
    Map<String, Double> rates,
    int counterBits,
    String discontinuity) {

  public Sample {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(time, "time");
    tags = Map.copyOf(new TreeMap<>(tags));
    counters = Map.copyOf(counters);
    gauges = Map.copyOf(gauges);
    rates = Map.copyOf(rates);
    discontinuity = discontinuity == null ? "" : discontinuity;
    if (counterBits != 32 && counterBits != 64) {
      throw new IllegalArgumentException("counterBits must be 32 or 64, was " + counterBits);
    }
  }

  /** The series identity: family plus sorted tags (device is implied by the owning actor). */
  public String seriesKey() {
    StringBuilder key = new StringBuilder(family);
    new TreeMap<>(tags).forEach((k, v) -> key.append(',').append(k).append('=').append(v));
    return key.toString();
  }

  public Sample withRates(Map<String, Double> newRates) {
    return new Sample(device, family, time, tags, counters, gauges, newRates, counterBits, discontinuity);
  }

  /** Number of numeric values (points) this sample carries. */
  public int pointCount() {
    return counters.size() + gauges.size() + rates.size();
  }
}
