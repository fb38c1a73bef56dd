package io.telemetry.collect.meraki;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/**
 * The node's request budget per Meraki organization ({@code telemetry.meraki}): every request of
 * every target and collector of one organization takes a token from that organization's bucket.
 * Meraki documents 10 requests per second per organization, shared by all API clients of it.
 *
 * @param requestsPerSecond tokens added per second
 * @param burst             tokens the bucket holds (requests that may go at once after a quiet spell)
 */
public record RateLimitSettings(double requestsPerSecond, int burst) {

  public static final RateLimitSettings MERAKI_DEFAULT = new RateLimitSettings(10, 10);

  public RateLimitSettings {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException("requests-per-second must be positive, was " + requestsPerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
  }

  /** Reads {@code meraki} of a resolved {@code telemetry} block; errors name the setting's path. */
  public static RateLimitSettings fromConfig(Config telemetry) {
    if (!telemetry.hasPath("meraki")) {
      return MERAKI_DEFAULT;
    }
    Config meraki = telemetry.getConfig("meraki");
    double rate = meraki.hasPath("requests-per-second") ? meraki.getDouble("requests-per-second")
        : MERAKI_DEFAULT.requestsPerSecond();
    int burst = meraki.hasPath("burst") ? meraki.getInt("burst") : MERAKI_DEFAULT.burst();
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new ConfigException.BadValue(meraki.origin(), "telemetry.meraki.requests-per-second",
          "must be positive, was " + rate);
    }
    if (burst < 1) {
      throw new ConfigException.BadValue(meraki.origin(), "telemetry.meraki.burst", "must be at least 1, was " + burst);
    }
    return new RateLimitSettings(rate, burst);
  }
}
