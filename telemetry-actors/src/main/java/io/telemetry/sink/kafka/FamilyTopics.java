package io.telemetry.sink.kafka;

import com.typesafe.config.ConfigException;
import java.util.regex.Pattern;

/**
 * Names the topic of a measurement family: the configured pattern with {@code {family}} replaced.
 * One topic per family keeps each topic's records one shape, so consumers subscribe by family.
 *
 * <p>Kafka allows only {@code [a-zA-Z0-9._-]} in topic names; any other character of a family
 * name becomes {@code _} (families are ours, e.g. {@code route_engine}, so this is a safeguard).
 */
public final class FamilyTopics {

  public static final String PLACEHOLDER = "{family}";
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
  private static final Pattern ILLEGAL_CHAR = Pattern.compile("[^a-zA-Z0-9._-]");
  private static final int MAX_TOPIC_LENGTH = 249;

  private final String pattern;

  private FamilyTopics(String pattern) {
    this.pattern = pattern;
  }

  /**
   * @param settingPath named in the error, e.g. {@code telemetry.kafka.topic-pattern}
   */
  public static FamilyTopics of(String pattern, String settingPath) {
    if (pattern == null || !pattern.contains(PLACEHOLDER)) {
      throw new ConfigException.BadValue(settingPath,
          "'" + pattern + "' must contain " + PLACEHOLDER + " (one topic per measurement family)");
    }
    String fixedPart = pattern.replace(PLACEHOLDER, "");
    if (!fixedPart.isEmpty() && !LEGAL.matcher(fixedPart).matches()) {
      throw new ConfigException.BadValue(settingPath,
          "'" + pattern + "' may only contain a-z, A-Z, 0-9, '.', '_', '-' besides " + PLACEHOLDER);
    }
    return new FamilyTopics(pattern);
  }

  public String pattern() {
    return pattern;
  }

  /** The topic for one family, e.g. {@code interface -> telemetry.metrics.interface}. */
  public String topicFor(String family) {
    if (family.isEmpty()) {
      throw new IllegalArgumentException("empty measurement family has no topic (pattern " + pattern + ")");
    }
    String topic = pattern.replace(PLACEHOLDER, ILLEGAL_CHAR.matcher(family).replaceAll("_"));
    if (topic.length() > MAX_TOPIC_LENGTH || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(
          "family '" + family + "' gives topic '" + topic + "', which Kafka does not accept");
    }
    return topic;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FamilyTopics that && that.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  @Override
  public String toString() {
    return "FamilyTopics[" + pattern + "]";
  }
}
