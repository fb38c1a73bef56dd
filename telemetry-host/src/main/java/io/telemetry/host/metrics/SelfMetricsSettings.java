package io.telemetry.host.metrics;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/**
 * {@code telemetry.self-metrics}: the Prometheus endpoint, and the {@code telemetry_internal}
 * measurement sent through the pipeline every {@code interval}.
 */
public record SelfMetricsSettings(boolean prometheus, boolean internalMeasurement, Duration interval) {

  private static final String PATH = "telemetry.self-metrics";

  /** From the {@code telemetry} block; errors name the setting. */
  public static SelfMetricsSettings fromConfig(Config telemetry) {
    Config c = telemetry.getConfig("self-metrics");
    Duration interval = c.getDuration("interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new ConfigException.BadValue(c.origin(), PATH + ".interval", "must be positive, was " + interval);
    }
    return new SelfMetricsSettings(c.getBoolean("prometheus"), c.getBoolean("internal-measurement"), interval);
  }
}
