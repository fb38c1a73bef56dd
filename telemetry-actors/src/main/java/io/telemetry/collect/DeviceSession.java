package io.telemetry.collect;

import io.telemetry.inventory.Target;
import org.apache.sshd.client.session.ClientSession;

/**
 * What the collectors of one device share: today, its single SSH connection (many logins per
 * poll overload devices and AAA servers). Owned by the device actor and used only from its
 * blocking calls, which run one at a time per device, so it needs no locking.
 */
public interface DeviceSession extends AutoCloseable {

  Target target();

  /**
   * The device's authenticated SSH session, connecting on first use and again after it closed.
   * Collectors open their own channels on it (a NETCONF subsystem, an exec channel) and close
   * only those channels, never the session.
   */
  ClientSession ssh() throws CollectException;

  /** Drops the SSH session (e.g. after a protocol error), so that the next {@link #ssh()} reconnects. */
  void sshBroken();

  /** Closes the SSH session if one is open; never throws. */
  @Override
  void close();
}
