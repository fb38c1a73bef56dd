package io.telemetry.correlation.utilization;

import io.telemetry.correlation.rules.RuleSettings;
import java.time.Duration;

/**
 * One sustained-utilization instance's thresholds.
 *
 * @param raisePercent raised above this % of the interface speed ...
 * @param clearPercent ... cleared below this % (hysteresis: at most raisePercent)
 * @param duration     ... held continuously for this long
 */
public record UtilizationSettings(double raisePercent, double clearPercent, Duration duration) {

  static UtilizationSettings read(RuleSettings settings) {
    double raise = settings.nonNegative("raise-percent");
    double clear = settings.nonNegative("clear-percent");
    if (clear > raise) {
      throw settings.bad("clear-percent", "must not be above raise-percent (" + raise + "), was " + clear);
    }
    return new UtilizationSettings(raise, clear, settings.positiveDuration("duration"));
  }

  UtilizationState.Level level(double percent) {
    return percent > raisePercent ? UtilizationState.Level.ABOVE
        : percent < clearPercent ? UtilizationState.Level.BELOW : UtilizationState.Level.BETWEEN;
  }
}
