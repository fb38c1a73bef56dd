package io.telemetry.correlation.utilization;

import com.typesafe.config.Config;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.correlation.rule.RuleType;
import io.telemetry.correlation.rules.ConfiguredRule;
import io.telemetry.correlation.rules.EventFactory;
import io.telemetry.correlation.rules.RuleSettings;
import io.telemetry.sink.kafka.SampleRecord;
import java.util.List;
import java.util.Optional;

/**
 * {@code sustained-utilization}: an interface's in- or out-rate above {@code raise-percent} of its
 * speed for {@code duration}; cleared below {@code clear-percent} for {@code duration}. See README.md.
 */
public final class SustainedUtilizationRuleType implements RuleType {

  public static final String NAME = "sustained-utilization";
  static final String FAMILY = "interface";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RuleInstance create(String instanceName, Config settings) {
    RuleSettings read = new RuleSettings(instanceName, settings);
    UtilizationSettings utilization = UtilizationSettings.read(read);
    return new ConfiguredRule(instanceName, NAME, List.of(FAMILY), SustainedUtilizationRuleType::keyOf,
        new UtilizationCorrelation(utilization, new EventFactory(instanceName, NAME, read.severity())));
  }

  /** Interfaces with a known speed and at least one octet rate (the first poll of a series has none). */
  static Optional<String> keyOf(SampleRecord sample) {
    String name = sample.tags().get("interface");
    Double speed = sample.gauges().get(UtilizationCorrelation.SPEED);
    boolean rated = sample.rates().containsKey(UtilizationCorrelation.IN)
        || sample.rates().containsKey(UtilizationCorrelation.OUT);
    if (!FAMILY.equals(sample.family()) || name == null || speed == null || !(speed > 0) || !rated) {
      return Optional.empty();
    }
    return Optional.of(sample.device() + "|" + name);
  }
}
