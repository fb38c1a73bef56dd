package io.telemetry.collect.netconf;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NETCONF session over an SSH {@code netconf} subsystem channel (RFC 6242).
 *
 * <p>Received bytes are decoded on MINA's I/O thread as they arrive (the channel's output stream
 * feeds a {@link NetconfFrameDecoder}); complete messages wait in a small bounded inbox until
 * {@link #rpc} takes them. No thread is parked per session between requests; {@code rpc} blocks
 * only its caller.
 */
public final class SshNetconfClient implements NetconfClient {

  private static final Logger log = LoggerFactory.getLogger(SshNetconfClient.class);
  /** Messages a server may send ahead of our reading them before we call it a protocol violation. */
  private static final int INBOX_CAPACITY = 16;
  private static final Duration CLOSE_SESSION_TIMEOUT = Duration.ofSeconds(2);
  private static final Pattern OPERATION_NAME = Pattern.compile("<\\s*([A-Za-z_][\\w.:-]*)");

  /** What the I/O thread hands to the requesting thread. */
  private sealed interface Inbound permits Message, Lost {}

  private record Message(String xml) implements Inbound {}

  private record Lost(Kind kind, String reason) implements Inbound {}

  private final String deviceId;
  private final ClientSession session;
  private final boolean ownsSession;
  private final ChannelSubsystem channel;
  private final NetconfFrameDecoder decoder = new NetconfFrameDecoder();
  private final BlockingQueue<Inbound> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY + 1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object sendLock = new Object();

  /** Set once by the I/O thread or a failing request; every later request fails fast with it. */
  private volatile Lost lost;
  private volatile NetconfFraming outboundFraming = NetconfFraming.END_OF_MESSAGE;
  private boolean helloSeen; // I/O thread only
  private long nextMessageId = 1; // requesting thread only (one request at a time)
  private NetconfHello serverHello;

  private SshNetconfClient(ClientSession session, String deviceId, boolean ownsSession) throws IOException {
    this.session = session;
    this.deviceId = deviceId;
    this.ownsSession = ownsSession;
    this.channel = session.createSubsystemChannel("netconf");
    channel.setOut(new DecodingStream());
    channel.setErr(new StderrLog());
    channel.addCloseFutureListener(future -> onLost(Kind.SESSION_LOST, "the SSH channel was closed by the device or the network"));
  }

  /**
   * Opens the {@code netconf} subsystem on an authenticated session, exchanges hellos and
   * negotiates the framing. The session stays the caller's: closing this client closes only the
   * channel.
   */
  public static SshNetconfClient open(ClientSession session, String deviceId, Duration helloTimeout)
      throws CollectException {
    return open(session, deviceId, helloTimeout, false);
  }

  /** As {@link #open(ClientSession, String, Duration)}; when {@code ownsSession}, close() closes the session too. */
  static SshNetconfClient open(ClientSession session, String deviceId, Duration helloTimeout, boolean ownsSession)
      throws CollectException {
    SshNetconfClient client;
    try {
      client = new SshNetconfClient(session, deviceId, ownsSession);
    } catch (IOException e) {
      throw new CollectException(deviceId, Kind.SESSION_LOST,
          "cannot open the netconf subsystem channel: " + e.getMessage(), true, e);
    }
    try {
      client.handshake(helloTimeout);
      return client;
    } catch (CollectException e) {
      client.closeChannel(true);
      throw e;
    }
  }

  private void handshake(Duration helloTimeout) throws CollectException {
    long deadline = System.nanoTime() + helloTimeout.toNanos();
    OpenFuture opening;
    try {
      opening = channel.open();
      if (!opening.await(helloTimeout.toMillis())) {
        throw new CollectException(deviceId, Kind.TIMEOUT,
            "the netconf subsystem channel did not open within " + helloTimeout, true);
      }
    } catch (IOException e) {
      throw new CollectException(deviceId, Kind.SESSION_LOST,
          "cannot open the netconf subsystem: " + e.getMessage(), true, e);
    }
    if (!opening.isOpened()) {
      Throwable cause = opening.getException();
      throw new CollectException(deviceId, Kind.SESSION_LOST, "the device refused the netconf subsystem"
          + (cause == null ? "" : ": " + cause.getMessage()), true, cause);
    }
    String helloXml = awaitMessage(deadline, "hello", helloTimeout);
    try {
      serverHello = NetconfHello.parse(helloXml);
    } catch (XMLStreamException | IllegalArgumentException e) {
      throw new CollectException(deviceId, Kind.MALFORMED_REPLY,
          "the server <hello> is not usable: " + e.getMessage(), true, e);
    }
    if (serverHello.sessionId().isEmpty()) {
      log.debug("device {}: server hello has no session-id", deviceId);
    }
    send(NetconfHello.clientHello(), "hello");
    if (serverHello.supportsBase11()) {
      outboundFraming = NetconfFraming.CHUNKED;
    } else if (!serverHello.supportsBase10()) {
      throw new CollectException(deviceId, Kind.MALFORMED_REPLY,
          "the server advertises neither base:1.0 nor base:1.1: " + serverHello.capabilities(), true);
    }
    log.debug("device {}: NETCONF session {} open, {} framing", deviceId, serverHello.sessionId(), outboundFraming);
  }

  @Override
  public String rpc(String operationXml, Duration timeout) throws CollectException {
    String operation = operationName(operationXml);
    Lost gone = lost;
    if (gone != null) {
      throw new CollectException(deviceId, gone.kind(),
          "cannot send <" + operation + ">: the session is gone (" + gone.reason() + ")", true);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    long messageId = nextMessageId++;
    String request = "<rpc message-id=\"" + messageId + "\" xmlns=\"" + NetconfXml.BASE_NAMESPACE + "\">"
        + operationXml + "</rpc>";
    send(request, operation);
    while (true) {
      String replyXml = awaitMessage(deadline, operation + "> (message-id " + messageId, timeout);
      RpcReply reply;
      try {
        reply = RpcReply.parse(replyXml);
      } catch (XMLStreamException e) {
        throw new CollectException(deviceId, Kind.MALFORMED_REPLY,
            "the reply to <" + operation + "> is not well-formed XML: " + e.getMessage(), false, e);
      } catch (IllegalArgumentException e) {
        throw new CollectException(deviceId, Kind.MALFORMED_REPLY,
            "the reply to <" + operation + "> is not an rpc-reply: " + e.getMessage(), false, e);
      }
      String replyId = reply.messageId().orElse("");
      if (!replyId.equals(Long.toString(messageId))) {
        if (isEarlierId(replyId, messageId)) {
          log.debug("device {}: dropping late reply with message-id {} while waiting for {}", deviceId, replyId, messageId);
          continue;
        }
        throw new CollectException(deviceId, Kind.MALFORMED_REPLY, "the reply to <" + operation
            + "> carries message-id '" + replyId + "' instead of " + messageId, false);
      }
      if (!reply.failures().isEmpty()) {
        throw new CollectException(deviceId, Kind.RPC_ERROR,
            "<" + operation + "> failed: " + reply.failures(), false);
      }
      return replyXml;
    }
  }

  /** The server's hello: capabilities and session id. */
  public NetconfHello serverHello() {
    return serverHello;
  }

  /** The framing used after the hello exchange. */
  public NetconfFraming framing() {
    return outboundFraming;
  }

  public OptionalLong sessionId() {
    return serverHello == null ? OptionalLong.empty() : serverHello.sessionId();
  }

  public Set<String> serverCapabilities() {
    return serverHello == null ? Set.of() : serverHello.capabilities();
  }

  /** False once the channel closed or the stream broke. */
  public boolean isOpen() {
    return lost == null && channel.isOpen();
  }

  public String deviceId() {
    return deviceId;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean healthy = isOpen();
    if (healthy) {
      try {
        rpc("<close-session/>", CLOSE_SESSION_TIMEOUT);
      } catch (CollectException | RuntimeException e) {
        healthy = false;
        log.debug("device {}: close-session failed: {}", deviceId, e.getMessage());
      }
    }
    closeChannel(!healthy);
  }

  /** Closes without waiting; gracefully (close messages exchanged) unless the session is broken. */
  private void closeChannel(boolean immediately) {
    try {
      channel.close(immediately);
    } catch (RuntimeException e) {
      log.debug("device {}: closing the netconf channel failed: {}", deviceId, e.toString());
    }
    if (ownsSession) {
      try {
        session.close(immediately);
      } catch (RuntimeException e) {
        log.debug("device {}: closing the SSH session failed: {}", deviceId, e.toString());
      }
    }
  }

  private void send(String message, String operation) throws CollectException {
    byte[] framed;
    try {
      framed = NetconfFrameEncoder.encode(message, outboundFraming);
    } catch (IllegalArgumentException e) {
      throw new CollectException(deviceId, Kind.MALFORMED_REPLY,
          "cannot frame <" + operation + ">: " + e.getMessage(), false, e);
    }
    synchronized (sendLock) {
      try {
        OutputStream out = channel.getInvertedIn();
        out.write(framed);
        out.flush();
      } catch (IOException | RuntimeException e) {
        onLost(Kind.SESSION_LOST, "sending failed: " + e.getMessage());
        throw new CollectException(deviceId, Kind.SESSION_LOST,
            "cannot send <" + operation + ">: " + e.getMessage(), true, e);
      }
    }
  }

  /** Waits for the next message; {@code what} names the awaited reply in errors. */
  private String awaitMessage(long deadlineNanos, String what, Duration timeout) throws CollectException {
    Inbound next;
    try {
      next = inbox.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectException(deviceId, Kind.SESSION_LOST, "interrupted while waiting for <" + what + ">", true, e);
    }
    if (next == null) {
      Lost gone = lost;
      if (gone != null) {
        next = gone;
      } else {
        onLost(Kind.TIMEOUT, "no reply to <" + what + "> within " + timeout);
        throw new CollectException(deviceId, Kind.TIMEOUT, "no reply to <" + what + "> within " + timeout, true);
      }
    }
    if (next instanceof Lost gone) {
      inbox.offer(gone); // later waiters see it too
      throw new CollectException(deviceId, gone.kind(),
          "no reply to <" + what + ">: " + gone.reason(), true);
    }
    return ((Message) next).xml();
  }

  private void onLost(Kind kind, String reason) {
    if (lost != null) {
      return;
    }
    Lost gone = new Lost(kind, reason);
    lost = gone;
    inbox.offer(gone);
  }

  private static boolean isEarlierId(String replyId, long current) {
    try {
      return Long.parseLong(replyId) < current;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String operationName(String operationXml) {
    Matcher m = OPERATION_NAME.matcher(operationXml);
    return m.find() ? m.group(1) : "rpc";
  }

  /** The channel's stdout: decodes on the I/O thread and queues complete messages. */
  private final class DecodingStream extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
      if (lost != null) {
        return;
      }
      try {
        decoder.feed(data, offset, length, this::onMessage);
      } catch (NetconfFramingException e) {
        onLost(Kind.MALFORMED_REPLY, e.getMessage());
        channel.close(true);
      }
    }

    private void onMessage(String message) {
      if (!helloSeen) {
        helloSeen = true;
        // The server's messages after its hello are chunked when both sides speak base:1.1; we
        // always do, so switch now, before the bytes that follow in this read are decoded.
        if (advertisesBase11(message)) {
          decoder.useChunkedFraming();
        }
      }
      // One slot stays free so that the Lost signal always fits.
      if (inbox.size() >= INBOX_CAPACITY) {
        onLost(Kind.MALFORMED_REPLY, "the device sent more than " + INBOX_CAPACITY + " unrequested messages");
        channel.close(true);
        return;
      }
      inbox.offer(new Message(message));
    }

    private boolean advertisesBase11(String hello) {
      try {
        return NetconfHello.parse(hello).supportsBase11();
      } catch (XMLStreamException | RuntimeException e) {
        return false; // the requesting thread reports the bad hello
      }
    }
  }

  /** The channel's stderr: NETCONF does not use it; log what a device writes there. */
  private final class StderrLog extends OutputStream {
    @Override
    public void write(int b) {
      // single bytes are not worth a log line
    }

    @Override
    public void write(byte[] data, int offset, int length) {
      if (log.isDebugEnabled()) {
        log.debug("device {}: netconf stderr: {}", deviceId,
            new String(data, offset, Math.min(length, 512), StandardCharsets.UTF_8).strip());
      }
    }
  }
}
