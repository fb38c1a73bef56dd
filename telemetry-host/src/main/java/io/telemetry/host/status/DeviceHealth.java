package io.telemetry.host.status;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Names a device's health for the status page: {@code failing} while its last open or poll
 * failed, {@code deferred} when its polls were put off (pipeline full) within the window,
 * {@code connecting} before its first poll, {@code ok} otherwise.
 *
 * <p>Deferrals are a counter (PipelineMetrics), so "recently deferred" is seen by comparing
 * readings: the counter moved since an earlier reading, no longer ago than the window. Confined
 * to the reporter actor that owns it.
 */
final class DeviceHealth {

  private record Seen(long deferrals, Instant movedAt) {}

  private final Duration window;
  private final Map<String, Seen> seen = new HashMap<>();

  DeviceHealth(Duration window) {
    this.window = window;
  }

  String status(String device, boolean hasError, boolean polledOnce, long deferrals, Instant now) {
    Seen before = seen.get(device);
    Instant movedAt = before == null
        ? (deferrals > 0 ? now : Instant.MIN)
        : deferrals != before.deferrals() ? now : before.movedAt();
    seen.put(device, new Seen(deferrals, movedAt));
    if (hasError) {
      return "failing";
    }
    if (!movedAt.equals(Instant.MIN) && !movedAt.isBefore(now.minus(window))) {
      return "deferred";
    }
    return polledOnce ? "ok" : "connecting";
  }

  /** Forgets devices no longer on this node, so the memory stays as big as the fleet. */
  void retain(java.util.Set<String> devices) {
    seen.keySet().retainAll(devices);
  }
}
