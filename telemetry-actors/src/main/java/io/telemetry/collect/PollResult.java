package io.telemetry.collect;

import io.telemetry.sample.Sample;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one poll produced.
 *
 * @param samples             samples without rates (the device actor adds them)
 * @param deviceUptimeSeconds the device's uptime when known; when it goes backwards the device
 *                            rebooted and every counter series of the device restarts
 */
public record PollResult(List<Sample> samples, OptionalLong deviceUptimeSeconds) {
  public PollResult {
    samples = List.copyOf(samples);
  }
}
