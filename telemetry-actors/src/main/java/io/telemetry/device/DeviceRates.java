package io.telemetry.device;

import java.util.Map;

/**
 * The last counter readings of one device, per collector slot ({@link #slotKey}), as carried to the
 * node a device moves to.
 */
public record DeviceRates(Map<String, CounterRates.Snapshot> slots) implements CborSerializable {

  public DeviceRates {
    slots = Map.copyOf(slots);
  }

  public static DeviceRates empty() {
    return new DeviceRates(Map.of());
  }

  /** Slot {@code index} of collector {@code type}: a reordered or retyped collector list restores nothing wrong. */
  public static String slotKey(int index, String type) {
    return index + ":" + type;
  }
}
