package io.telemetry.simulate;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/** Tells each device about the SSH connections made to its port, whatever channels they carry. */
final class ConnectionCounter implements SessionListener {

  private final FleetRuntime fleet;

  ConnectionCounter(FleetRuntime fleet) {
    this.fleet = fleet;
  }

  @Override
  public void sessionCreated(Session session) {
    SimulatedDevice device = fleet.deviceFor(session);
    if (device != null) {
      device.connectionOpened(session);
    }
  }

  @Override
  public void sessionClosed(Session session) {
    SimulatedDevice device = fleet.deviceFor(session);
    if (device != null) {
      device.connectionClosed(session);
    }
  }
}
