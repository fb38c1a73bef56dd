package io.telemetry.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a test can change about a simulated device's chassis: active alarms and the status of
 * environment items (a failed fan, a pulled power supply). Guarded by the owning device's lock.
 */
final class ChassisState {

  /** One active chassis alarm. */
  record Alarm(Instant since, String alarmClass, String description) {}

  private final List<Alarm> alarms = new ArrayList<>();
  private final Map<String, String> statusOverrides = new LinkedHashMap<>();

  void raise(Alarm alarm) {
    alarms.add(alarm);
  }

  void clearAlarms() {
    alarms.clear();
  }

  List<Alarm> alarms() {
    return List.copyOf(alarms);
  }

  void setStatus(String component, String status) {
    statusOverrides.put(component, status);
  }

  /** Status per component, for those changed from {@code OK}. */
  Map<String, String> statuses() {
    return Map.copyOf(statusOverrides);
  }
}
