package io.telemetry.host.cli;

import io.telemetry.simulate.SimulatedDevice;
import io.telemetry.simulate.SimulatedFleet;
import java.util.function.LongSupplier;

/**
 * The periodic status line of {@code telemetry simulate}: NETCONF sessions and SSH connections
 * open, RPCs served (and their rate since the last line), CLI commands and chaos incidents so far.
 * Called from one thread (the command's).
 */
final class SimulatorStatusLine {

  private final SimulatedFleet fleet;
  private final LongSupplier chaosEvents;
  private final long startNanos = System.nanoTime();
  private long lastNanos = startNanos;
  private long lastRpcs;

  SimulatorStatusLine(SimulatedFleet fleet, LongSupplier chaosEvents) {
    this.fleet = fleet;
    this.chaosEvents = chaosEvents;
  }

  /** e.g. {@code [00:10] sessions open 30 (ssh 30) | rpcs 1,240 (124/s) | cli commands 0 | chaos events 2} */
  String next() {
    long now = System.nanoTime();
    long sessions = 0;
    long connections = 0;
    long rpcs = 0;
    long commands = 0;
    for (SimulatedDevice device : fleet.devices()) {
      sessions += device.openSessions();
      connections += device.openSshConnections();
      rpcs += device.requestCount();
      commands += device.cliCommandCount();
    }
    double perSecond = (rpcs - lastRpcs) / Math.max(1e-3, (now - lastNanos) / 1e9);
    lastRpcs = rpcs;
    lastNanos = now;
    long elapsed = (now - startNanos) / 1_000_000_000L;
    return String.format("[%02d:%02d] sessions open %,d (ssh %,d) | rpcs %,d (%,.0f/s) | cli commands %,d"
            + " | chaos events %,d", elapsed / 60, elapsed % 60, sessions, connections, rpcs, perSecond, commands,
        chaosEvents.getAsLong());
  }
}
