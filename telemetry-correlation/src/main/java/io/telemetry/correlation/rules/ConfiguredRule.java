package io.telemetry.correlation.rules;

import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.sink.kafka.SampleRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A rule instance assembled from its parts; every rule type builds one of these. */
public record ConfiguredRule(
    String name,
    String type,
    List<String> families,
    Function<SampleRecord, Optional<String>> keys,
    KeyCorrelation<?> correlation) implements RuleInstance {

  public ConfiguredRule {
    families = List.copyOf(families);
  }

  @Override
  public Optional<String> keyOf(SampleRecord sample) {
    return keys.apply(sample);
  }
}
