package io.telemetry.correlation.interfaceflap;

import io.telemetry.correlation.rules.RuleSettings;
import java.time.Duration;

/**
 * One interface-flap instance's thresholds.
 *
 * @param changes oper-status changes that make a flap
 * @param window  the changes' first and last lie less than this apart
 * @param quiet   no change for this long clears the flap
 */
public record FlapSettings(int changes, Duration window, Duration quiet) {

  static FlapSettings read(RuleSettings settings) {
    return new FlapSettings(
        settings.positiveInt("changes"), settings.positiveDuration("window"), settings.positiveDuration("quiet"));
  }
}
