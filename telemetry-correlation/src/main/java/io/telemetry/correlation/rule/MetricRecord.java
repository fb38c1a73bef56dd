package io.telemetry.correlation.rule;

import io.telemetry.sink.kafka.SampleRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * One decoded metric record as a rule sees it: the sample and where it was read from.
 *
 * @param sample   the decoded value (schema v1, see docs/schema/kafka-records.md)
 * @param evidence topic, partition, offset and sample time of the record
 */
public record MetricRecord(SampleRecord sample, Evidence evidence) {

  public MetricRecord {
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(evidence, "evidence");
  }

  /** Event time: when the device's reply was received. */
  public Instant time() {
    return sample.time();
  }
}
