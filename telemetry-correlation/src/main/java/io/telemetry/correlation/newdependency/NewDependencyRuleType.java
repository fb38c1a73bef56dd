package io.telemetry.correlation.newdependency;

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
 * {@code new-dependency}: a host gains an upstream dependency on a hostgroup it did not use during
 * its {@code learning-period}. A point event (raised, never cleared). See README.md.
 */
public final class NewDependencyRuleType implements RuleType {

  public static final String NAME = "new-dependency";
  static final String FAMILY = "dependency";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RuleInstance create(String instanceName, Config settings) {
    RuleSettings read = new RuleSettings(instanceName, settings);
    return new ConfiguredRule(instanceName, NAME, List.of(FAMILY), NewDependencyRuleType::keyOf,
        new DependencyCorrelation(read.positiveDuration("learning-period"),
            new EventFactory(instanceName, NAME, read.severity())));
  }

  /** Upstream connections whose peer's hostgroup is known. */
  static Optional<String> keyOf(SampleRecord sample) {
    boolean upstream = "upstream".equals(sample.tags().get("direction"));
    if (!FAMILY.equals(sample.family()) || !upstream || !sample.tags().containsKey(DependencyCorrelation.HOSTGROUP)) {
      return Optional.empty();
    }
    return Optional.of(sample.device());
  }
}
