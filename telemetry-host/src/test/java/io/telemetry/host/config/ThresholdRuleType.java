package io.telemetry.host.config;

import com.typesafe.config.Config;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.correlation.rule.RuleType;
import io.telemetry.sink.kafka.SampleRecord;
import java.util.List;
import java.util.Optional;

/** A plugged-in rule type (registered by clean.conf) with a setting that has no default: threshold. */
public final class ThresholdRuleType implements RuleType {

  @Override
  public String name() {
    return "threshold-above";
  }

  @Override
  public RuleInstance create(String instanceName, Config settings) {
    settings.getDouble("threshold"); // required, no default
    return new RuleInstance() {
      @Override
      public String name() {
        return instanceName;
      }

      @Override
      public String type() {
        return "threshold-above";
      }

      @Override
      public List<String> families() {
        return List.of("interface");
      }

      @Override
      public Optional<String> keyOf(SampleRecord sample) {
        return Optional.empty();
      }

      @Override
      public KeyCorrelation<?> correlation() {
        throw new UnsupportedOperationException("never evaluated: only its families are checked");
      }
    };
  }
}
