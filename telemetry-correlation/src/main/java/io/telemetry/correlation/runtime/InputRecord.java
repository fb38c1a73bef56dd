package io.telemetry.correlation.runtime;

import io.telemetry.correlation.rule.Evidence;
import io.telemetry.correlation.rule.MetricRecord;
import io.telemetry.sink.kafka.SampleRecord;

/**
 * A well-formed metric record on its way to its partition task.
 *
 * @param record the decoded record and where it was read
 * @param key    the rule's correlation key, or null when the rule has no use for the record (it
 *               still moves its input's event time forward)
 */
record InputRecord(MetricRecord record, String key) {

  static InputRecord of(String topic, int partition, long offset, SampleRecord sample, String key) {
    return new InputRecord(new MetricRecord(sample, new Evidence(topic, partition, offset, sample.time())), key);
  }

  String topic() {
    return record.evidence().topic();
  }

  int partition() {
    return record.evidence().partition();
  }

  long offset() {
    return record.evidence().offset();
  }
}
