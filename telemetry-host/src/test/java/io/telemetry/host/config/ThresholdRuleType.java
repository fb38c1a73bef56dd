package io.telemetry.host.config;

import com.typesafe.config.Config;

/** A plugged-in rule type (registered by clean.conf) with a setting that has no default: threshold. */
public final class ThresholdRuleType extends FamiliesOnlyRuleType {

  public ThresholdRuleType() {
    super("threshold-above", "interface");
  }

  @Override
  void readSettings(Config settings) {
    settings.getDouble("threshold"); // required, no default
  }
}
