package io.telemetry.collect.ssh;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import com.typesafe.config.Config;
import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Objects;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's SSH client: one MINA {@link SshClient} (NIO2, a few shared I/O threads) for all
 * device sessions, so thousands of sessions cost no thread each.
 *
 * <p>{@link #connect} is blocking (TCP connect, key exchange, host key check, authentication) and
 * meant for the blocking-I/O dispatcher. Failures become {@link CollectException}s of kind
 * CONNECT, HOST_KEY or AUTH that name the device.
 */
public final class SshConnector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SshConnector.class);
  /** Unanswered keepalives (want-reply global requests) after which a session is dropped. */
  private static final int HEARTBEAT_MAX_MISSED = 3;

  private final SshSettings settings;
  private final SshClient client;

  public SshConnector(SshSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    if (settings.acceptUnknownHostKeys()) {
      log.warn("telemetry.ssh.accept-unknown-host-keys = true: device host keys missing from {} are accepted"
          + " without verification (labs only; devices can be impersonated)", settings.knownHosts());
    }
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(new DeviceHostKeyVerifier(settings.knownHosts(), settings.acceptUnknownHostKeys()));
    // Only what the target's credentials say: no ~/.ssh/config, no default identities, no agent.
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    if (!settings.heartbeatInterval().isZero()) {
      CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, settings.heartbeatInterval());
      CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, HEARTBEAT_MAX_MISSED);
    }
    client.start();
  }

  /** A connector configured from {@code telemetry.ssh} of a resolved root configuration. */
  public static SshConnector fromConfig(Config root) {
    return new SshConnector(SshSettings.fromConfig(root));
  }

  public SshSettings settings() {
    return settings;
  }

  /**
   * Connects and authenticates to {@code target}. The caller owns the returned session.
   *
   * @throws CollectException CONNECT (unreachable, refused, timed out, handshake failed),
   *     HOST_KEY (unknown or changed key) or AUTH (credentials rejected or unusable)
   */
  public ClientSession connect(Target target) throws CollectException {
    String device = target.id();
    String endpoint = target.host() + ":" + target.port();
    Credentials credentials = target.credentials();
    ConnectFuture connecting;
    AtomicReference<String> rejection = new AtomicReference<>();
    try {
      connecting = client.connect(credentials.username(), target.host(), target.port(),
          AttributeRepository.ofAttributesMap(Map.of(
              DeviceHostKeyVerifier.TARGET_ID, device, DeviceHostKeyVerifier.REJECTION, rejection)), null);
      if (!connecting.await(settings.connectTimeout().toMillis())) {
        connecting.cancel();
        throw new CollectException(device, Kind.CONNECT,
            "cannot connect to " + endpoint + ": no answer within " + settings.connectTimeout(), true);
      }
    } catch (IOException e) {
      throw new CollectException(device, Kind.CONNECT, "cannot connect to " + endpoint + ": " + describe(e), true, e);
    }
    if (connecting.getException() != null || connecting.getSession() == null) {
      Throwable cause = connecting.getException();
      throw new CollectException(device, Kind.CONNECT,
          "cannot connect to " + endpoint + ": " + (cause == null ? "connection failed" : describe(cause)), true, cause);
    }
    ClientSession session = connecting.getSession();
    try {
      addIdentities(session, target);
      authenticate(session, target, endpoint, rejection);
      return session;
    } catch (CollectException | RuntimeException e) {
      session.close(true);
      throw e;
    }
  }

  private void addIdentities(ClientSession session, Target target) throws CollectException {
    Credentials credentials = target.credentials();
    if (credentials.privateKey().isPresent()) {
      Path keyFile = credentials.privateKey().get();
      for (KeyPair pair : loadKeyPairs(session, target, keyFile)) {
        session.addPublicKeyIdentity(pair);
      }
    }
    credentials.password().ifPresent(session::addPasswordIdentity);
    if (credentials.password().isEmpty() && credentials.privateKey().isEmpty()) {
      throw new CollectException(target.id(), Kind.AUTH,
          "no password and no private key configured for user " + credentials.username(), true);
    }
  }

  private static Iterable<KeyPair> loadKeyPairs(ClientSession session, Target target, Path keyFile)
      throws CollectException {
    try (InputStream in = Files.newInputStream(keyFile)) {
      Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(
          session, NamedResource.ofName(keyFile.toString()), in, FilePasswordProvider.EMPTY);
      if (pairs == null || !pairs.iterator().hasNext()) {
        throw new CollectException(target.id(), Kind.AUTH, "private key file " + keyFile + " holds no key", true);
      }
      return pairs;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new CollectException(target.id(), Kind.AUTH, "cannot load private key file " + keyFile
          + " for user " + target.credentials().username() + " (passphrase-protected keys are not supported): "
          + describe(e), true, e);
    }
  }

  private void authenticate(ClientSession session, Target target, String endpoint, AtomicReference<String> hostKeyRejection)
      throws CollectException {
    String device = target.id();
    Duration timeout = settings.authTimeout();
    AuthFuture auth;
    try {
      auth = session.auth();
      if (auth.await(timeout.toMillis()) && auth.isSuccess()) {
        return;
      }
    } catch (IOException e) {
      auth = null;
      log.debug("device {}: authentication failed", device, e);
    }
    String rejection = hostKeyRejection.get();
    if (rejection != null) {
      throw new CollectException(device, Kind.HOST_KEY, rejection, true);
    }
    if (auth != null && !auth.isDone()) {
      throw new CollectException(device, Kind.CONNECT, "SSH handshake with " + endpoint
          + " (key exchange and authentication) did not finish within " + timeout, true);
    }
    Throwable cause = auth == null ? null : auth.getException();
    if (session.getServerKey() == null) { // the key exchange never finished
      throw new CollectException(device, Kind.CONNECT, "SSH handshake with " + endpoint + " failed"
          + (cause == null ? "" : ": " + describe(cause)), true, cause);
    }
    throw new CollectException(device, Kind.AUTH, "authentication as user " + target.credentials().username()
        + " at " + endpoint + " was rejected (" + methods(target.credentials()) + ")"
        + (cause == null ? "" : ": " + describe(cause)), true, cause);
  }

  private static String methods(Credentials credentials) {
    if (credentials.password().isPresent() && credentials.privateKey().isPresent()) {
      return "tried private key " + credentials.privateKey().get() + " and password";
    }
    return credentials.privateKey().map(p -> "tried private key " + p).orElse("tried password");
  }

  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** Stops the client and every session it opened. */
  @Override
  public void close() {
    try {
      client.stop();
    } catch (RuntimeException e) {
      log.debug("stopping the SSH client failed", e);
    }
  }
}
