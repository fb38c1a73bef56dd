package io.telemetry.correlation.rule;

import com.typesafe.config.Config;

/** A kind of rule, written in code; its instances are configured in HOCON. */
public interface RuleType {

  /** The name used in HOCON {@code type = ...}, e.g. {@code interface-flap}. */
  String name();

  /**
   * Reads and checks one instance's settings.
   *
   * @param instanceName the HOCON key of the instance
   * @param settings     the instance block (with the rule type's defaults already applied)
   * @throws com.typesafe.config.ConfigException naming the setting's path when a setting is missing or wrong
   */
  RuleInstance create(String instanceName, Config settings);
}
