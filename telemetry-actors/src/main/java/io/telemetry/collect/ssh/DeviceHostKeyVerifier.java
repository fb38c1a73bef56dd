package io.telemetry.collect.ssh;

import java.util.concurrent.atomic.AtomicReference;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks device host keys against an OpenSSH known_hosts file (MINA's
 * {@link KnownHostsServerKeyVerifier}). Unknown keys are rejected unless the operator opted in;
 * changed keys are always rejected. The reason is left on the session so that the connector can
 * report it with the device's name and the key's fingerprint. The known_hosts file is never
 * written.
 */
final class DeviceHostKeyVerifier extends KnownHostsServerKeyVerifier {

  private static final Logger log = LoggerFactory.getLogger(DeviceHostKeyVerifier.class);

  /**
   * Where the verifier leaves why it rejected a host key: a holder in the connection context that
   * the connector passes in. Not a session attribute: a session clears its attributes when it
   * closes, which races with the connector reading the reason after the failed handshake.
   */
  static final AttributeKey<AtomicReference<String>> REJECTION = new AttributeKey<>();
  /** The target id, passed as connection context by the connector. */
  static final AttributeKey<String> TARGET_ID = new AttributeKey<>();

  private final Path knownHosts;
  private final boolean acceptUnknown;
  private final Set<String> warnedAcceptances = ConcurrentHashMap.newKeySet();

  DeviceHostKeyVerifier(Path knownHosts, boolean acceptUnknown) {
    super((session, remote, key) -> false, knownHosts);
    this.knownHosts = knownHosts;
    this.acceptUnknown = acceptUnknown;
  }

  @Override
  protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
    String device = deviceOf(session);
    String fingerprint = describe(key);
    if (acceptUnknown) {
      if (warnedAcceptances.add(device + " " + fingerprint)) {
        log.warn("device {}: accepting unknown SSH host key {} of {} because telemetry.ssh.accept-unknown-host-keys = true",
            device, fingerprint, endpoint(session, remote));
      }
      return true;
    }
    reject(session, "unknown SSH host key " + fingerprint + " of " + endpoint(session, remote)
        + ": it is not in " + knownHosts + " (add it there, or for labs only set"
        + " telemetry.ssh.accept-unknown-host-keys = true)");
    return false;
  }

  @Override
  public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
      PublicKey expected, PublicKey actual) {
    reject(session, "SSH host key of " + endpoint(session, remote) + " CHANGED: " + knownHosts
        + " has " + describe(expected) + " but the device presented " + describe(actual)
        + " (possible man-in-the-middle; fix " + knownHosts + " if the device was re-keyed)");
    return false;
  }

  @Override
  protected void handleRevokedKey(ClientSession session, SocketAddress remote, PublicKey key) {
    reject(session, "SSH host key " + describe(key) + " of " + endpoint(session, remote)
        + " is marked @revoked in " + knownHosts);
    super.handleRevokedKey(session, remote, key);
  }

  @Override
  protected KnownHostEntry updateKnownHostsFile(ClientSession session, SocketAddress remote, PublicKey key,
      Path file, Collection<HostEntryPair> knownHosts) {
    return null; // the operator's known_hosts file is read-only for us
  }

  private static void reject(ClientSession session, String reason) {
    AtomicReference<String> holder = session.getConnectionContext() == null ? null
        : session.getConnectionContext().getAttribute(REJECTION);
    if (holder != null) {
      holder.set(reason);
    }
  }

  static String deviceOf(ClientSession session) {
    String id = session.getConnectionContext() == null ? null : session.getConnectionContext().getAttribute(TARGET_ID);
    return id != null ? id : String.valueOf(session.getConnectAddress());
  }

  private static String endpoint(ClientSession session, SocketAddress remote) {
    SocketAddress address = session.getConnectAddress() != null ? session.getConnectAddress() : remote;
    return Endpoints.hostPort(address);
  }

  static String describe(PublicKey key) {
    return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
  }
}
