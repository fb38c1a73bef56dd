package io.telemetry.simulate;

import io.telemetry.collect.netconf.NetconfFrameDecoder;
import io.telemetry.collect.netconf.NetconfFrameEncoder;
import io.telemetry.collect.netconf.NetconfFraming;
import io.telemetry.collect.netconf.NetconfFramingException;
import io.telemetry.collect.netconf.NetconfHello;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLStreamException;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionAware;
import org.apache.sshd.server.command.AsyncCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one NETCONF session on a simulated device. Asynchronous throughout: bytes
 * arrive on MINA's I/O threads and are decoded there; requests are answered one after another on
 * the fleet's shared worker pool; replies go out through MINA's asynchronous channel stream. No
 * thread is tied to a session.
 */
final class NetconfServerSession implements AsyncCommand, ChannelSessionAware, ChannelDataReceiver {

  private static final Logger log = LoggerFactory.getLogger(NetconfServerSession.class);
  /** Several chunks per large reply, as real devices send. */
  private static final int CHUNK_SIZE = 8192;

  private final FleetRuntime fleet;
  private final NetconfFrameDecoder decoder = new NetconfFrameDecoder();
  private ChannelSession channel;
  private SimulatedDevice device;
  private IoOutputStream out;
  private ExitCallback exitCallback;
  private boolean helloReceived; // I/O thread only
  private volatile NetconfFraming framing = NetconfFraming.END_OF_MESSAGE;
  /** Completes when everything queued so far was answered; requests chain onto it. */
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  private volatile boolean closing;

  NetconfServerSession(FleetRuntime fleet) {
    this.fleet = fleet;
  }

  @Override
  public void setChannelSession(ChannelSession session) {
    this.channel = session;
    this.device = fleet.deviceFor(session.getSession());
    session.setDataReceiver(this); // bytes are pushed to data(); no input stream, no pump thread
  }

  @Override
  public void setIoOutputStream(IoOutputStream stream) {
    this.out = stream;
  }

  @Override
  public void setIoInputStream(IoInputStream stream) {
    // not used: input arrives through data()
  }

  @Override
  public void setIoErrorStream(IoOutputStream stream) {
    // NETCONF does not use stderr
  }

  @Override
  public void setInputStream(InputStream in) {
    // not used
  }

  @Override
  public void setOutputStream(OutputStream stream) {
    // not used: the asynchronous stream is
  }

  @Override
  public void setErrorStream(OutputStream err) {
    // not used
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exitCallback = callback;
  }

  @Override
  public void start(ChannelSession session, Environment env) {
    if (device == null) {
      log.warn("netconf session on unknown local address {}; closing", session.getSession().getIoSession().getLocalAddress());
      finish();
      return;
    }
    device.register(session.getSession());
    String hello = JunosReplies.hello(device.supportsChunkedFraming(), fleet.nextSessionId(), fleet.username());
    synchronized (this) {
      tail = write(hello, NetconfFraming.END_OF_MESSAGE);
    }
  }

  @Override
  public void destroy(ChannelSession session) {
    closing = true;
    if (device != null) {
      device.unregister(session.getSession());
    }
  }

  @Override
  public int data(ChannelSession session, byte[] buf, int start, int len) {
    if (closing) {
      return len;
    }
    try {
      decoder.feed(buf, start, len, this::onMessage);
    } catch (NetconfFramingException e) {
      log.debug("device {}: client framing error, closing: {}", device, e.getMessage());
      finish();
    }
    return len;
  }

  @Override
  public void close() {
    closing = true;
  }

  /** On the I/O thread, in arrival order. */
  private void onMessage(String message) {
    if (!helloReceived) {
      onClientHello(message);
      return;
    }
    if (device.faults().takeDisconnectOnNextRequest()) {
      log.debug("device {}: dropping the session on request (fault)", device.id());
      device.countRequest();
      channel.getSession().close(true);
      closing = true;
      return;
    }
    synchronized (this) {
      tail = tail.thenComposeAsync(done -> answer(message), fleet.workers());
    }
  }

  private void onClientHello(String message) {
    helloReceived = true;
    NetconfHello hello;
    try {
      hello = NetconfHello.parse(message);
    } catch (XMLStreamException | IllegalArgumentException e) {
      log.debug("device {}: bad client hello, closing: {}", device.id(), e.getMessage());
      finish();
      return;
    }
    if (hello.sessionId().isPresent()) {
      log.debug("device {}: client hello carries a session-id, closing (RFC 6241 8.1)", device.id());
      finish();
      return;
    }
    if (device.supportsChunkedFraming() && hello.supportsBase11()) {
      decoder.useChunkedFraming(); // before the bytes that follow the hello in this read
      framing = NetconfFraming.CHUNKED;
    }
  }

  /** On a worker: builds the reply, applies the faults, sends it. */
  private CompletableFuture<Void> answer(String message) {
    device.countRequest();
    Reply reply = RpcHandler.handle(device, message);
    String text = switch (device.faults().malformedReplies()) {
      case NONE -> reply.xml();
      case NOT_XML -> "% error: this is not XML <<< " + reply.xml().length() + " bytes lost >>>\n";
      case TRUNCATED_XML -> reply.xml().substring(0, Math.max(1, reply.xml().length() / 2));
    };
    Duration latency = device.faults().replyLatency();
    CompletableFuture<Void> sent;
    if (latency.isZero()) {
      sent = write(text, framing);
    } else {
      sent = new CompletableFuture<>();
      CompletableFuture<Void> target = sent;
      fleet.workers().schedule(() -> {
        write(text, framing).whenComplete((v, e) -> target.complete(null));
      }, latency.toNanos(), TimeUnit.NANOSECONDS);
    }
    if (reply.closeAfter()) {
      return sent.whenComplete((v, e) -> finish());
    }
    return sent;
  }

  /** Frames and writes one message; completes when MINA has written it (or failed to). */
  private CompletableFuture<Void> write(String message, NetconfFraming how) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    if (closing || out == null) {
      written.complete(null);
      return written;
    }
    try {
      byte[] framed = NetconfFrameEncoder.encode(message.getBytes(StandardCharsets.UTF_8), how, CHUNK_SIZE);
      out.writeBuffer(new ByteArrayBuffer(framed)).addListener(f -> written.complete(null));
    } catch (IOException | RuntimeException e) {
      log.debug("device {}: write failed: {}", device == null ? "?" : device.id(), e.toString());
      written.complete(null);
    }
    return written;
  }

  /** Ends the subsystem; MINA then closes the channel. */
  private void finish() {
    closing = true;
    if (exitCallback != null) {
      exitCallback.onExit(0);
    } else if (channel != null) {
      channel.close(false);
    }
  }
}
