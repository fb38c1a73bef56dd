package io.telemetry.correlation.rules;

import io.telemetry.correlation.rule.Evidence;
import java.util.Comparator;

/**
 * {@link Evidence} as rule states keep it: the same facts with the time in epoch nanoseconds, so
 * the state's JSON round-trips without a Jackson time module.
 */
public record RecordRef(String topic, int partition, long offset, long timeNanos) {

  /** Event-time order, ties broken by where the record was read (as {@link Evidence#ORDER}). */
  public static final Comparator<RecordRef> ORDER = Comparator.comparingLong(RecordRef::timeNanos)
      .thenComparing(RecordRef::topic)
      .thenComparingInt(RecordRef::partition)
      .thenComparingLong(RecordRef::offset);

  public static RecordRef of(Evidence evidence) {
    return new RecordRef(evidence.topic(), evidence.partition(), evidence.offset(), EventTime.nanos(evidence.time()));
  }

  public Evidence evidence() {
    return new Evidence(topic, partition, offset, EventTime.instant(timeNanos));
  }
}
