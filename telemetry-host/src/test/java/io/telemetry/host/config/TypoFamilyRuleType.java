package io.telemetry.host.config;

import com.typesafe.config.Config;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.correlation.rule.RuleType;
import io.telemetry.sink.kafka.SampleRecord;
import java.util.List;
import java.util.Optional;

/** A rule type (registered by unknown-rule-type.conf) that reads a family no collector writes. */
public final class TypoFamilyRuleType implements RuleType {

  @Override
  public String name() {
    return "typo-family";
  }

  @Override
  public RuleInstance create(String instanceName, Config settings) {
    return new RuleInstance() {
      @Override
      public String name() {
        return instanceName;
      }

      @Override
      public String type() {
        return "typo-family";
      }

      @Override
      public List<String> families() {
        return List.of("interfaces");
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
