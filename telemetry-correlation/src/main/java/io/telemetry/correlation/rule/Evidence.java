package io.telemetry.correlation.rule;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where a metric record that contributed to an event was read from, so that a reader of the
 * event can fetch the very records that caused it.
 *
 * @param topic     the metric topic
 * @param partition its partition
 * @param offset    the record's offset
 * @param time      the sample time of the record (event time)
 */
public record Evidence(String topic, int partition, long offset, Instant time) {

  /** Evidence lists are kept in this order so that an event's content does not depend on arrival order. */
  public static final Comparator<Evidence> ORDER = Comparator.comparing(Evidence::time)
      .thenComparing(Evidence::topic)
      .thenComparingInt(Evidence::partition)
      .thenComparingLong(Evidence::offset);

  public Evidence {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(time, "time");
  }
}
