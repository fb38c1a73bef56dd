package io.telemetry.correlation.slabreach;

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
 * {@code sla-breach}: an uplink's loss or latency (Meraki collector, family {@code uplink}) above
 * its threshold for {@code samples} consecutive samples. See README.md in this package.
 */
public final class SlaBreachRuleType implements RuleType {

  public static final String NAME = "sla-breach";
  static final String FAMILY = "uplink";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RuleInstance create(String instanceName, Config settings) {
    RuleSettings read = new RuleSettings(instanceName, settings);
    SlaSettings sla = SlaSettings.read(read);
    return new ConfiguredRule(instanceName, NAME, List.of(FAMILY), SlaBreachRuleType::keyOf,
        new SlaCorrelation(sla, new EventFactory(instanceName, NAME, read.severity())));
  }

  static Optional<String> keyOf(SampleRecord sample) {
    String network = sample.tags().get("network");
    String serial = sample.tags().get("serial");
    String uplink = sample.tags().get("uplink");
    boolean measured = sample.gauges().containsKey(SlaCorrelation.LOSS)
        || sample.gauges().containsKey(SlaCorrelation.LATENCY);
    if (!FAMILY.equals(sample.family()) || network == null || serial == null || uplink == null || !measured) {
      return Optional.empty();
    }
    return Optional.of(sample.device() + "|" + network + "|" + serial + "|" + uplink);
  }
}
