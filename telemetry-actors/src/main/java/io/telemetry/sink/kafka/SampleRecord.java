package io.telemetry.sink.kafka;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One decoded Kafka record value (schema version 1): what a consumer of the telemetry topics reads.
 *
 * <p>Counters are raw unsigned 64-bit device counters held in a {@code long}: values above
 * {@link Long#MAX_VALUE} appear negative; use {@link #unsignedCounter(String)},
 * {@link Long#toUnsignedString(long)} or {@link Long#compareUnsigned(long, long)}.
 *
 * @param schema       schema version of the value ({@link SampleJsonCodec#SCHEMA_VERSION})
 * @param device       target id (also the record key)
 * @param family       measurement family (also names the topic)
 * @param time         when the device's reply was received
 * @param timeUnixNano the same instant in nanoseconds since the Unix epoch
 * @param tags         series identity besides device and family
 * @param counters     raw counters (unsigned 64-bit in a long)
 * @param gauges       instantaneous values
 * @param rates        per-second rates keyed by the counter they derive from
 * @param node         id of the node that polled the device
 */
public record SampleRecord(
    int schema,
    String device,
    String family,
    Instant time,
    long timeUnixNano,
    Map<String, String> tags,
    Map<String, Long> counters,
    Map<String, Double> gauges,
    Map<String, Double> rates,
    String node) {

  public SampleRecord {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(node, "node");
    tags = Map.copyOf(tags);
    counters = Map.copyOf(counters);
    gauges = Map.copyOf(gauges);
    rates = Map.copyOf(rates);
  }

  /** A counter as the unsigned number it is, or {@code null} when the record has no such counter. */
  public BigInteger unsignedCounter(String name) {
    Long bits = counters.get(name);
    return bits == null ? null : new BigInteger(Long.toUnsignedString(bits));
  }
}
