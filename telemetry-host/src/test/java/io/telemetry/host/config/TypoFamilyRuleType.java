package io.telemetry.host.config;

/** A rule type (registered by unknown-rule-type.conf) that reads a family no collector writes. */
public final class TypoFamilyRuleType extends FamiliesOnlyRuleType {

  public TypoFamilyRuleType() {
    super("typo-family", "interfaces");
  }
}
