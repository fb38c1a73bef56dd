package io.telemetry.host.config;

import com.typesafe.config.Config;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.correlation.rule.RuleType;
import io.telemetry.sink.kafka.SampleRecord;
import java.util.List;
import java.util.Optional;

/** A plugged-in rule type for config checks: loaded and its families read, never evaluated. */
abstract class FamiliesOnlyRuleType implements RuleType {

  private final String name;
  private final String family;

  FamiliesOnlyRuleType(String name, String family) {
    this.name = name;
    this.family = family;
  }

  @Override
  public String name() {
    return name;
  }

  /** Reads the settings this type requires; throws as a real rule type would. */
  void readSettings(Config settings) {}

  @Override
  public RuleInstance create(String instanceName, Config settings) {
    readSettings(settings);
    return new RuleInstance() {
      @Override
      public String name() {
        return instanceName;
      }

      @Override
      public String type() {
        return name;
      }

      @Override
      public List<String> families() {
        return List.of(family);
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
