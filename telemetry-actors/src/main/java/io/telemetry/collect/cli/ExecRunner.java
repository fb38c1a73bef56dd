package io.telemetry.collect.cli;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;

/**
 * Runs one command on its own exec channel of a device's SSH session and collects its output.
 * Only the channel is closed afterwards, never the session. Blocking.
 */
final class ExecRunner {

  /** How long a channel's graceful close may wait for the device to confirm it. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  private final String device;
  private final long maxOutputBytes;

  ExecRunner(String device, long maxOutputBytes) {
    this.device = device;
    this.maxOutputBytes = maxOutputBytes;
  }

  /**
   * Runs {@code command}; opening, running and reading must all finish within {@code timeout}.
   *
   * @throws CollectException SESSION_LOST (the SSH session is gone: reconnect), TIMEOUT (the
   *     command did not finish; its channel is closed, the session stays) or MALFORMED_REPLY
   *     (more output than allowed)
   */
  ExecOutput run(ClientSession session, String command, Duration timeout) throws CollectException {
    long deadline = System.nanoTime() + timeout.toNanos();
    BoundedBuffer out = new BoundedBuffer(maxOutputBytes);
    BoundedBuffer err = new BoundedBuffer(maxOutputBytes);
    ChannelExec channel;
    try {
      channel = session.createExecChannel(command);
    } catch (IOException | RuntimeException e) {
      throw lost(command, "cannot create an exec channel: " + e.getMessage(), e);
    }
    try {
      channel.setOut(out);
      channel.setErr(err);
      OpenFuture opening = channel.open();
      if (!opening.await(remainingMillis(deadline))) {
        throw new CollectException(device, Kind.TIMEOUT,
            "command \"" + command + "\": the exec channel did not open within " + timeout, false);
      }
      if (!opening.isOpened()) {
        Throwable cause = opening.getException();
        if (!session.isOpen()) {
          throw lost(command, "the SSH session closed while opening the exec channel", cause);
        }
        throw new CollectException(device, Kind.RPC_ERROR, "command \"" + command + "\": the device refused the exec"
            + " channel" + (cause == null ? "" : ": " + cause.getMessage()), false, cause);
      }
      Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), remainingMillis(deadline));
      if (!events.contains(ClientChannelEvent.CLOSED)) {
        if (!session.isOpen()) {
          throw lost(command, "the SSH session closed while the command ran", null);
        }
        throw new CollectException(device, Kind.TIMEOUT,
            "command \"" + command + "\" did not finish within " + timeout, false);
      }
      Integer status = channel.getExitStatus();
      String signal = channel.getExitSignal();
      if (status == null && signal == null && !session.isOpen()) {
        throw lost(command, "the SSH session closed while the command ran", null);
      }
      if (out.overflowed() || err.overflowed()) {
        throw new CollectException(device, Kind.MALFORMED_REPLY, "command \"" + command + "\" printed more than "
            + maxOutputBytes + " bytes (max-output)", false);
      }
      return new ExecOutput(out.text(), err.text(), status == null ? OptionalInt.empty() : OptionalInt.of(status),
          signal);
    } catch (IOException e) {
      throw lost(command, e.getMessage(), e);
    } finally {
      close(channel);
    }
  }

  /**
   * Closes the channel gracefully, which tells the device to end the command (an immediate close
   * would leave it running there), and gives up waiting after a moment.
   */
  private static void close(ChannelExec channel) {
    if (channel.isClosed()) {
      return;
    }
    try {
      if (!channel.close(false).await(CLOSE_GRACE.toMillis())) {
        channel.close(true);
      }
    } catch (IOException e) {
      channel.close(true);
    }
  }

  private CollectException lost(String command, String reason, Throwable cause) {
    return new CollectException(device, Kind.SESSION_LOST, "command \"" + command + "\": " + reason, true, cause);
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }
}
