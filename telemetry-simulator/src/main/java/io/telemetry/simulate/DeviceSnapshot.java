package io.telemetry.simulate;

import java.util.List;

/**
 * One device's state at one instant, taken under the device's lock so that a reply is
 * consistent; replies are rendered from it without holding the lock.
 */
record DeviceSnapshot(
    String deviceId,
    long seed,
    List<Interface> interfaces,
    long uptimeSeconds,
    long bootEpochSeconds,
    long nowEpochMillis) {

  record Interface(
      String name,
      String description,
      String mac,
      int snmpIndex,
      int localIndex,
      int generation,
      boolean operUp,
      int carrierTransitions,
      long flappedSecondsAgo,
      long[] counters,
      double[] rates) {

    long counter(JunosCounter c) {
      return counters[c.ordinal()];
    }

    double rate(JunosCounter c) {
      return rates[c.ordinal()];
    }
  }
}
