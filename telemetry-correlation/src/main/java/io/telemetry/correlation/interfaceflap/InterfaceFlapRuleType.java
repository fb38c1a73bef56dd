package io.telemetry.correlation.interfaceflap;

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
 * {@code interface-flap}: an interface's oper status changes at least {@code changes} times within
 * {@code window}; cleared after {@code quiet} without a change. See README.md in this package.
 */
public final class InterfaceFlapRuleType implements RuleType {

  public static final String NAME = "interface-flap";
  static final String FAMILY = "interface";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RuleInstance create(String instanceName, Config settings) {
    RuleSettings read = new RuleSettings(instanceName, settings);
    FlapSettings flap = FlapSettings.read(read);
    EventFactory events = new EventFactory(instanceName, NAME, read.severity());
    return new ConfiguredRule(instanceName, NAME, List.of(FAMILY), InterfaceFlapRuleType::keyOf,
        new FlapCorrelation(flap, events));
  }

  /** Physical interfaces only: logical units carry no oper status. */
  static Optional<String> keyOf(SampleRecord sample) {
    String name = sample.tags().get("interface");
    if (!FAMILY.equals(sample.family()) || name == null || !sample.gauges().containsKey(FlapCorrelation.GAUGE)) {
      return Optional.empty();
    }
    return Optional.of(sample.device() + "|" + name);
  }
}
