package io.telemetry.correlation.runtime;

import io.telemetry.sink.kafka.SampleJsonCodec;
import io.telemetry.sink.kafka.SampleRecord;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a consumed record into an {@link InputRecord}, or nothing (counted) when it is malformed or
 * of a device the instance does not select. Used by one stream stage (not thread-safe).
 */
final class RecordDecoder {

  /** Logger of malformed-record warnings (tests and operators look for it by this name). */
  static final String MALFORMED_LOGGER = RecordDecoder.class.getName() + ".malformed";
  private static final Logger MALFORMED_LOG = LoggerFactory.getLogger(MALFORMED_LOGGER);

  private final RuleDefinition rule;
  private final CorrelationMetrics metrics;
  private final SampleJsonCodec codec = new SampleJsonCodec();
  private final RateLimitedWarning warning = new RateLimitedWarning(MALFORMED_LOG, Duration.ofSeconds(10), 20);

  RecordDecoder(RuleDefinition rule, CorrelationMetrics metrics) {
    this.rule = rule;
    this.metrics = metrics;
  }

  /** @return the record to evaluate, or empty when its offset only needs committing */
  Optional<InputRecord> decode(ConsumerRecord<String, byte[]> record) {
    metrics.consumed();
    SampleRecord sample;
    try {
      if (record.value() == null) {
        throw new IllegalArgumentException("telemetry record has no value (null)");
      }
      sample = codec.decode(record.value());
    } catch (IllegalArgumentException e) {
      metrics.malformed(record.topic());
      warning.warn("rule " + rule.name() + ": malformed record skipped: topic " + record.topic() + " partition "
          + record.partition() + " offset " + record.offset() + ": " + e.getMessage());
      return Optional.empty();
    }
    if (!rule.devices().matches(sample.device())) {
      metrics.skipped();
      return Optional.empty();
    }
    String key;
    try {
      key = rule.instance().keyOf(sample).orElse(null);
    } catch (RuntimeException e) {
      // A rule that cannot read a well-formed record treats it as malformed for itself.
      metrics.malformed(record.topic());
      warning.warn("rule " + rule.name() + ": record not usable by the rule, skipped: topic " + record.topic()
          + " partition " + record.partition() + " offset " + record.offset() + ": " + e);
      return Optional.empty();
    }
    return Optional.of(InputRecord.of(record.topic(), record.partition(), record.offset(), sample, key));
  }
}
