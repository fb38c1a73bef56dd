package io.telemetry.collect.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConnectorTest {

  private static final String USER = "telemetry";
  private static final String PASSWORD = "s3cret";

  @TempDir Path dir;
  private SshServer server;
  private PublicKey serverKey;
  private KeyPair clientKey;
  private final List<SshConnector> connectors = new ArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    clientKey = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("host.key"));
    hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    hostKeys.setKeySize(256);
    server.setKeyPairProvider(hostKeys);
    server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
    server.start();
    serverKey = hostKeys.loadKeys(null).iterator().next().getPublic();
  }

  @AfterEach
  void stop() throws Exception {
    connectors.forEach(SshConnector::close);
    server.stop(true);
  }

  private SshConnector connector(Path knownHosts, boolean acceptUnknown) {
    SshConnector connector = new SshConnector(
        new SshSettings(knownHosts, acceptUnknown, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(15)));
    connectors.add(connector);
    return connector;
  }

  private Path knownHostsWith(PublicKey key) throws Exception {
    Path file = dir.resolve("known_hosts");
    Files.writeString(file, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(key) + "\n");
    return file;
  }

  private Target target(String id, int port, Credentials credentials) {
    return new Target(id, "127.0.0.1", port, credentials, "junos-netconf",
        Duration.ofSeconds(30), Duration.ofSeconds(5), Map.of());
  }

  private Target target(String id, Credentials credentials) {
    return target(id, server.getPort(), credentials);
  }

  /** OpenSSH's SHA256 fingerprint, computed here from the key blob rather than by the code under test. */
  private static String sha256Fingerprint(PublicKey key) throws Exception {
    String blob = PublicKeyEntry.toString(key).split(" ")[1];
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(blob));
    return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
  }

  @Test
  void connectsWithAKnownHostKeyAndPassword() throws Exception {
    try (ClientSession session = connector(knownHostsWith(serverKey), false)
        .connect(target("edge-1", Credentials.password(USER, PASSWORD)))) {
      assertTrue(session.isAuthenticated());
    }
  }

  @Test
  void answeredKeepalivesKeepAnIdleSessionOpen() throws Exception {
    SshConnector connector = new SshConnector(new SshSettings(knownHostsWith(serverKey), false,
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(100)));
    connectors.add(connector);
    try (ClientSession session = connector.connect(target("edge-hb", Credentials.password(USER, PASSWORD)))) {
      long until = System.nanoTime() + Duration.ofMillis(1200).toNanos();
      while (System.nanoTime() < until) {
        assertTrue(session.isOpen(), "keepalives are answered, so the session must stay up");
        Thread.sleep(50);
      }
    }
  }

  @Test
  void connectsWithAnOpenSshPrivateKeyFile() throws Exception {
    Path keyFile = dir.resolve("id_ecdsa");
    try (OutputStream out = Files.newOutputStream(keyFile)) {
      new OpenSSHKeyPairResourceWriter().writePrivateKey(clientKey, "telemetry test", null, out);
    }
    Credentials keyOnly = new Credentials(USER, Optional.empty(), Optional.of(keyFile));
    try (ClientSession session = connector(knownHostsWith(serverKey), false).connect(target("edge-key", keyOnly))) {
      assertTrue(session.isAuthenticated());
    }
  }

  @Test
  void unreadablePrivateKeyIsAnAuthErrorNamingTheFile() throws Exception {
    Path keyFile = dir.resolve("not-a-key");
    Files.writeString(keyFile, "this is not a key\n");
    Credentials keyOnly = new Credentials(USER, Optional.empty(), Optional.of(keyFile));
    CollectException e = assertThrows(CollectException.class,
        () -> connector(knownHostsWith(serverKey), false).connect(target("edge-badkey", keyOnly)));
    assertEquals(Kind.AUTH, e.kind());
    assertTrue(e.getMessage().contains("edge-badkey") && e.getMessage().contains(keyFile.toString()), e.getMessage());
  }

  @Test
  void wrongPasswordIsAnAuthErrorNamingDeviceAndUser() throws Exception {
    CollectException e = assertThrows(CollectException.class, () -> connector(knownHostsWith(serverKey), false)
        .connect(target("edge-2", Credentials.password(USER, "wrong"))));
    assertEquals(Kind.AUTH, e.kind());
    assertEquals("edge-2", e.device());
    assertTrue(e.sessionBroken());
    assertTrue(e.getMessage().contains("edge-2") && e.getMessage().contains("user " + USER), e.getMessage());
    assertFalse(e.getMessage().contains("wrong"), "the password must not be printed: " + e.getMessage());
  }

  @Test
  void unknownHostKeyIsRejectedNamingDeviceEndpointAndFingerprint() throws Exception {
    Path missing = dir.resolve("no_known_hosts");
    CollectException e = assertThrows(CollectException.class, () -> connector(missing, false)
        .connect(target("edge-3", Credentials.password(USER, PASSWORD))));
    assertEquals(Kind.HOST_KEY, e.kind());
    String message = e.getMessage();
    assertTrue(message.contains("edge-3"), message);
    assertTrue(message.contains("127.0.0.1:" + server.getPort()), message);
    assertTrue(message.contains(sha256Fingerprint(serverKey)), message);
    assertTrue(message.contains("unknown"), message);
  }

  @Test
  void changedHostKeyIsRejectedEvenWhenUnknownKeysAreAccepted() throws Exception {
    PublicKey other = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256).getPublic();
    Path knownHosts = knownHostsWith(other);
    CollectException e = assertThrows(CollectException.class, () -> connector(knownHosts, true)
        .connect(target("edge-4", Credentials.password(USER, PASSWORD))));
    assertEquals(Kind.HOST_KEY, e.kind());
    assertTrue(e.getMessage().contains("CHANGED"), e.getMessage());
    assertTrue(e.getMessage().contains(sha256Fingerprint(serverKey)), e.getMessage());
    assertTrue(e.getMessage().contains(sha256Fingerprint(other)), e.getMessage());
    assertEquals(List.of("[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(other)),
        Files.readAllLines(knownHosts), "known_hosts must not be rewritten");
  }

  @Test
  void acceptUnknownHostKeysIsAnOptInThatLeavesKnownHostsAlone() throws Exception {
    Path missing = dir.resolve("absent_known_hosts");
    try (ClientSession session = connector(missing, true).connect(target("lab-1", Credentials.password(USER, PASSWORD)))) {
      assertTrue(session.isAuthenticated());
    }
    assertFalse(Files.exists(missing), "accepting an unknown key must not write known_hosts");
  }

  @Test
  void refusedConnectionIsAConnectError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    CollectException e = assertThrows(CollectException.class, () -> connector(knownHostsWith(serverKey), false)
        .connect(target("edge-5", closedPort, Credentials.password(USER, PASSWORD))));
    assertEquals(Kind.CONNECT, e.kind());
    assertTrue(e.getMessage().contains("edge-5") && e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
  }

  @Test
  void silentPeerIsAConnectErrorAfterTheAuthTimeout() throws Exception {
    ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    List<Socket> accepted = new ArrayList<>();
    Thread acceptor = new Thread(() -> {
      try {
        accepted.add(silent.accept()); // accept and never speak SSH
      } catch (Exception ignored) {
        // closed at the end of the test
      }
    });
    acceptor.start();
    try {
      SshConnector connector = new SshConnector(new SshSettings(knownHostsWith(serverKey), false,
          Duration.ofSeconds(2), Duration.ofMillis(800), Duration.ZERO));
      connectors.add(connector);
      long start = System.nanoTime();
      CollectException e = assertThrows(CollectException.class,
          () -> connector.connect(target("edge-6", silent.getLocalPort(), Credentials.password(USER, PASSWORD))));
      assertEquals(Kind.CONNECT, e.kind());
      assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    } finally {
      silent.close();
      acceptor.join(5_000);
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void settingsComeFromTheReferenceConfiguration() {
    SshSettings settings = SshSettings.fromConfig(ConfigFactory.load());
    assertEquals(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), settings.knownHosts());
    assertFalse(settings.acceptUnknownHostKeys());
    assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
    assertEquals(Duration.ofSeconds(15), settings.heartbeatInterval());
    SshSettings overridden = SshSettings.fromConfig(ConfigFactory.parseString(
        "telemetry.ssh.accept-unknown-host-keys = true\ntelemetry.ssh.known-hosts = \"/tmp/kh\"")
        .withFallback(ConfigFactory.load()));
    assertTrue(overridden.acceptUnknownHostKeys());
    assertEquals(Path.of("/tmp/kh"), overridden.knownHosts());
  }

}
