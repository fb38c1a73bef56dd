package io.telemetry.collect.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against scripted NETCONF servers that misbehave in ways the simulator does not:
 * late replies, wrong message-ids, broken framing, silence, floods.
 */
class SshNetconfClientTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String JUNOS_HELLO_10 = "<!-- No zombies were killed during the creation of this user interface -->\n"
      + "<!-- user test, class super-user -->\n<hello>\n<capabilities>\n"
      + "<capability>urn:ietf:params:netconf:base:1.0</capability>\n</capabilities>\n<session-id>77</session-id>\n</hello>\n";
  private static final String HELLO_11 = "<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><capabilities>"
      + "<capability>urn:ietf:params:netconf:base:1.0</capability><capability>urn:ietf:params:netconf:base:1.1</capability>"
      + "</capabilities><session-id>78</session-id></hello>";
  private static final Pattern MESSAGE_ID = Pattern.compile("message-id=\"(\\d+)\"");

  /** What a scripted device does on its session. */
  interface Script {
    void run(Peer peer) throws Exception;
  }

  /** The device end of a session: reads framed messages, writes raw bytes. */
  static final class Peer {
    private final InputStream in;
    private final OutputStream out;
    private final NetconfFrameDecoder decoder = new NetconfFrameDecoder();
    private final Deque<String> pending = new ArrayDeque<>();

    Peer(InputStream in, OutputStream out) {
      this.in = in;
      this.out = out;
    }

    String read() throws IOException {
      byte[] buffer = new byte[4096];
      while (pending.isEmpty()) {
        int n = in.read(buffer);
        if (n < 0) {
          throw new IOException("client went away");
        }
        pending.addAll(decoder.feed(buffer, 0, n));
      }
      return pending.poll();
    }

    void chunked() {
      decoder.useChunkedFraming();
    }

    void write(String raw) throws IOException {
      out.write(raw.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    void send(String message, NetconfFraming framing) throws IOException {
      out.write(NetconfFrameEncoder.encode(message, framing));
      out.flush();
    }

    /** Hello exchange as base:1.0; returns the client's hello. */
    String helloBase10() throws IOException {
      send(JUNOS_HELLO_10, NetconfFraming.END_OF_MESSAGE);
      return read();
    }

    static String idOf(String rpc) {
      Matcher m = MESSAGE_ID.matcher(rpc);
      if (!m.find()) {
        throw new AssertionError("no message-id in " + rpc);
      }
      return m.group(1);
    }
  }

  @TempDir Path dir;
  private SshServer server;
  private SshClient client;
  private ClientSession session;

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.stop();
    }
    if (server != null) {
      server.stop(true);
    }
  }

  private ClientSession sessionTo(Script script) throws Exception {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("host.key"));
    keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    server.setKeyPairProvider(keys);
    server.setPasswordAuthenticator((u, p, s) -> true);
    server.setSubsystemFactories(java.util.List.of(new ScriptedSubsystem(script)));
    server.start();
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
    session = client.connect("test", "127.0.0.1", server.getPort()).verify(TIMEOUT).getSession();
    session.addPasswordIdentity("x");
    session.auth().verify(TIMEOUT);
    return session;
  }

  @Test
  void speaksBase10WithAJunosHelloAndSkipsLateReplies() throws Exception {
    AtomicReference<String> clientHello = new AtomicReference<>();
    ClientSession s = sessionTo(peer -> {
      clientHello.set(peer.helloBase10());
      String rpc = peer.read();
      String id = Peer.idOf(rpc);
      // A reply to an earlier request (id 0 < first id 1) arrives first, as after a give-up.
      peer.send("<rpc-reply message-id=\"" + (Long.parseLong(id) - 1) + "\"><stale/></rpc-reply>", NetconfFraming.END_OF_MESSAGE);
      peer.send("<rpc-reply message-id=\"" + id + "\"><fresh/></rpc-reply>", NetconfFraming.END_OF_MESSAGE);
      peer.read(); // close-session
      peer.send("<rpc-reply message-id=\"" + (Long.parseLong(id) + 1) + "\"><ok/></rpc-reply>", NetconfFraming.END_OF_MESSAGE);
    });
    try (SshNetconfClient netconf = SshNetconfClient.open(s, "dev-a", TIMEOUT)) {
      assertEquals(NetconfFraming.END_OF_MESSAGE, netconf.framing());
      assertEquals(77, netconf.sessionId().orElseThrow());
      String reply = netconf.rpc("<get-something/>", TIMEOUT);
      assertTrue(reply.contains("<fresh/>"), reply);
    }
    NetconfHello ours = NetconfHello.parse(clientHello.get());
    assertTrue(ours.supportsBase10() && ours.supportsBase11(), "we always offer both framings");
  }

  @Test
  void aReplyWithAnotherMessageIdIsMalformed() throws Exception {
    ClientSession s = sessionTo(peer -> {
      peer.helloBase10();
      String id = Peer.idOf(peer.read());
      peer.send("<rpc-reply message-id=\"" + (Long.parseLong(id) + 5) + "\"/>", NetconfFraming.END_OF_MESSAGE);
      peer.read();
    });
    try (SshNetconfClient netconf = SshNetconfClient.open(s, "dev-b", TIMEOUT)) {
      CollectException e = assertThrows(CollectException.class, () -> netconf.rpc("<get-x/>", TIMEOUT));
      assertEquals(Kind.MALFORMED_REPLY, e.kind());
      assertTrue(e.getMessage().contains("dev-b") && e.getMessage().contains("get-x"), e.getMessage());
    }
  }

  @Test
  void brokenChunkFramingBreaksTheSession() throws Exception {
    ClientSession s = sessionTo(peer -> {
      peer.send(HELLO_11, NetconfFraming.END_OF_MESSAGE);
      peer.read();
      peer.chunked();
      peer.read();
      peer.write("\n#12\n<rpc-reply/>GARBAGE\n##\n");
      Thread.sleep(10_000); // keep the channel open: the client must give up on its own
    });
    SshNetconfClient netconf = SshNetconfClient.open(s, "dev-c", TIMEOUT);
    assertEquals(NetconfFraming.CHUNKED, netconf.framing());
    long start = System.nanoTime();
    CollectException e = assertThrows(CollectException.class, () -> netconf.rpc("<get-y/>", TIMEOUT));
    assertEquals(Kind.MALFORMED_REPLY, e.kind());
    assertTrue(e.sessionBroken());
    assertTrue(e.getMessage().contains("chunk"), e.getMessage());
    assertTrue(System.nanoTime() - start < TIMEOUT.toNanos(), "failed fast, not by timeout");
    assertFalse(netconf.isOpen());
    CollectException again = assertThrows(CollectException.class, () -> netconf.rpc("<get-y/>", TIMEOUT));
    assertTrue(again.sessionBroken());
    netconf.close();
  }

  @Test
  void noHelloIsATimeout() throws Exception {
    ClientSession s = sessionTo(peer -> Thread.sleep(10_000));
    long start = System.nanoTime();
    CollectException e = assertThrows(CollectException.class,
        () -> SshNetconfClient.open(s, "dev-d", Duration.ofMillis(500)));
    assertEquals(Kind.TIMEOUT, e.kind());
    assertTrue(e.getMessage().contains("dev-d") && e.getMessage().contains("hello"), e.getMessage());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
  }

  @Test
  void aFloodOfUnrequestedMessagesEndsTheSession() throws Exception {
    ClientSession s = sessionTo(peer -> {
      peer.helloBase10();
      for (int i = 0; i < 40; i++) {
        peer.send("<notification><n>" + i + "</n></notification>", NetconfFraming.END_OF_MESSAGE);
      }
      Thread.sleep(10_000);
    });
    SshNetconfClient netconf = SshNetconfClient.open(s, "dev-e", TIMEOUT);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (netconf.isOpen() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertFalse(netconf.isOpen(), "a flood must close the session");
    netconf.close();
  }

  /** Runs a script on a thread per session: fine for a test server. */
  private static final class ScriptedSubsystem implements SubsystemFactory {
    private final Script script;

    ScriptedSubsystem(Script script) {
      this.script = script;
    }

    @Override
    public String getName() {
      return "netconf";
    }

    @Override
    public Command createSubsystem(ChannelSession channel) {
      return new Command() {
        private InputStream in;
        private OutputStream out;
        private ExitCallback exit;
        private Thread thread;

        @Override
        public void setInputStream(InputStream in) {
          this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
          this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
          this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
          thread = new Thread(() -> {
            try {
              script.run(new Peer(in, out));
            } catch (Exception e) {
              // the client closed; nothing to report
            } finally {
              exit.onExit(0);
            }
          }, "scripted-netconf");
          thread.setDaemon(true);
          thread.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
          thread.interrupt();
        }
      };
    }
  }
}
