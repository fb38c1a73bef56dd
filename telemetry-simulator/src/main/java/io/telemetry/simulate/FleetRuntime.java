package io.telemetry.simulate;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.session.Session;

/** What every server-side session of the fleet shares: device lookup, workers, session ids. */
final class FleetRuntime {

  private final Map<Integer, SimulatedDevice> devicesByPort;
  private final ScheduledExecutorService workers;
  private final String username;
  private final AtomicLong sessionIds = new AtomicLong(20_000);

  FleetRuntime(Map<Integer, SimulatedDevice> devicesByPort, ScheduledExecutorService workers, String username) {
    this.devicesByPort = devicesByPort;
    this.workers = workers;
    this.username = username;
  }

  /** The device a session belongs to, by the local port the client connected to. */
  SimulatedDevice deviceFor(Session session) {
    SocketAddress local = session.getIoSession().getLocalAddress();
    return local instanceof InetSocketAddress inet ? devicesByPort.get(inet.getPort()) : null;
  }

  ScheduledExecutorService workers() {
    return workers;
  }

  String username() {
    return username;
  }

  long nextSessionId() {
    return sessionIds.incrementAndGet();
  }
}
