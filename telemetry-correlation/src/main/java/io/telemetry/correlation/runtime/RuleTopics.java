package io.telemetry.correlation.runtime;

/**
 * Names derived from a rule instance's name: its event topic, changelog topic and consumer group.
 *
 * @param eventPattern     e.g. {@code telemetry.events.{rule}}
 * @param changelogPattern e.g. {@code telemetry.correlation.{rule}.changelog}
 * @param groupPattern     e.g. {@code telemetry-correlation-{rule}}
 */
public record RuleTopics(String eventPattern, String changelogPattern, String groupPattern) {

  public static final String PLACEHOLDER = "{rule}";

  public String eventTopic(String rule) {
    return eventPattern.replace(PLACEHOLDER, rule);
  }

  public String changelogTopic(String rule) {
    return changelogPattern.replace(PLACEHOLDER, rule);
  }

  public String groupId(String rule) {
    return groupPattern.replace(PLACEHOLDER, rule);
  }
}
