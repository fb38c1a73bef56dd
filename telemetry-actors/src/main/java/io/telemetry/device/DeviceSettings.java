package io.telemetry.device;

import com.typesafe.config.Config;
import java.time.Duration;

/** The {@code telemetry.device} block: how device actors reconnect, defer and start. */
public record DeviceSettings(
    Duration reconnectBackoffMin,
    Duration reconnectBackoffMax,
    double reconnectBackoffJitter,
    Duration deferralRetry,
    boolean spreadFirstPoll,
    Duration keepAliveInterval) {

  public static DeviceSettings fromConfig(Config device) {
    DeviceSettings s = new DeviceSettings(
        device.getDuration("reconnect-backoff-min"),
        device.getDuration("reconnect-backoff-max"),
        device.getDouble("reconnect-backoff-jitter"),
        device.getDuration("deferral-retry"),
        device.getBoolean("spread-first-poll"),
        device.getDuration("keep-alive-interval"));
    if (s.reconnectBackoffMin.compareTo(s.reconnectBackoffMax) > 0) {
      throw new com.typesafe.config.ConfigException.BadValue(device.origin(),
          "telemetry.device.reconnect-backoff-min", "must not exceed reconnect-backoff-max");
    }
    return s;
  }
}
