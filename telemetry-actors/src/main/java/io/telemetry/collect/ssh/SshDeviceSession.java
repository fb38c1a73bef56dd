package io.telemetry.collect.ssh;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.DeviceSession;
import io.telemetry.inventory.Target;
import java.io.IOException;
import org.apache.sshd.client.session.ClientSession;

/**
 * The one SSH connection of one device, shared by its collectors: opened on first use, reopened
 * after it closed. Not thread-safe: the device actor runs its blocking calls one at a time.
 */
public final class SshDeviceSession implements DeviceSession, AutoCloseable {

  private final SshConnector connector;
  private final Target target;
  private ClientSession session;

  public SshDeviceSession(SshConnector connector, Target target) {
    this.connector = connector;
    this.target = target;
  }

  @Override
  public Target target() {
    return target;
  }

  @Override
  public ClientSession ssh() throws CollectException {
    if (session == null || !session.isOpen() || session.isClosing()) {
      close();
      session = connector.connect(target);
    }
    return session;
  }

  @Override
  public void sshBroken() {
    close();
  }

  @Override
  public void close() {
    ClientSession closing = session;
    session = null;
    if (closing != null) {
      try {
        closing.close();
      } catch (IOException ignored) {
        // Closing a dead session: nothing left to release.
      }
    }
  }
}
