package io.telemetry.correlation.rules;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import java.time.Duration;
import java.util.Set;

/**
 * Reads one rule instance's settings. The block is re-rooted at its full path so that every
 * error Typesafe Config raises (missing, wrong type) names
 * {@code telemetry.correlation.rules.<instance>.<setting>}, and so do the range checks here.
 */
public final class RuleSettings {

  /** Severities an instance may set; consumers of the event topics filter on these. */
  public static final Set<String> SEVERITIES = Set.of("critical", "major", "minor", "warning", "info");

  private final String root;
  private final Config config;

  public RuleSettings(String instanceName, Config instanceBlock) {
    this.root = ConfigUtil.joinPath("telemetry", "correlation", "rules", instanceName);
    this.config = instanceBlock.atPath(root);
  }

  /** The full path of a setting, for error messages. */
  public String path(String setting) {
    return root + "." + setting;
  }

  /** True when the setting is present and not null. */
  public boolean has(String setting) {
    return config.hasPath(path(setting));
  }

  public Duration positiveDuration(String setting) {
    Duration value = config.getDuration(path(setting));
    if (value.isNegative() || value.isZero()) {
      throw bad(setting, "must be a positive duration, was " + value);
    }
    return value;
  }

  public int positiveInt(String setting) {
    int value = config.getInt(path(setting));
    if (value < 1) {
      throw bad(setting, "must be at least 1, was " + value);
    }
    return value;
  }

  /** A non-negative number, e.g. a percentage or milliseconds. */
  public double nonNegative(String setting) {
    double value = config.getDouble(path(setting));
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw bad(setting, "must be a number >= 0, was " + value);
    }
    return value;
  }

  public String severity() {
    String value = config.getString(path("severity"));
    if (!SEVERITIES.contains(value)) {
      throw bad("severity", "must be one of " + SEVERITIES.stream().sorted().toList() + ", was '" + value + "'");
    }
    return value;
  }

  public ConfigException bad(String setting, String message) {
    String path = path(setting);
    return config.hasPath(path)
        ? new ConfigException.BadValue(config.getValue(path).origin(), path, message)
        : new ConfigException.BadValue(path, message);
  }
}
