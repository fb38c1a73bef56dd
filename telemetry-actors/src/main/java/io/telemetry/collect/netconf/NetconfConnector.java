package io.telemetry.collect.netconf;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.inventory.Target;
import java.util.Objects;
import org.apache.sshd.client.session.ClientSession;

/**
 * Opens NETCONF sessions to targets: SSH connect and authenticate through the shared
 * {@link SshConnector}, then the {@code netconf} subsystem and the hello exchange. The returned
 * client owns its SSH session and closes it when it is closed.
 */
public final class NetconfConnector {

  private final SshConnector ssh;

  public NetconfConnector(SshConnector ssh) {
    this.ssh = Objects.requireNonNull(ssh, "ssh");
  }

  /**
   * Connects to {@code target}; the hello must arrive within {@link Target#timeout()}. Blocking:
   * call it from the blocking-I/O dispatcher.
   *
   * @throws CollectException CONNECT, AUTH, HOST_KEY, TIMEOUT, SESSION_LOST or MALFORMED_REPLY,
   *     naming the target
   */
  public SshNetconfClient open(Target target) throws CollectException {
    ClientSession session = ssh.connect(target);
    try {
      return SshNetconfClient.open(session, target.id(), target.timeout(), true);
    } catch (CollectException | RuntimeException e) {
      session.close(true);
      throw e;
    }
  }
}
