package io.telemetry.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.AsyncCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CLI command on an SSH exec channel of a simulated device: rendered on the fleet's worker
 * pool, written through MINA's asynchronous channel streams (no thread waits for the client),
 * then the exit status. The device's fault switches apply as they do to NETCONF replies.
 */
final class CliExecCommand implements AsyncCommand {

  private static final Logger log = LoggerFactory.getLogger(CliExecCommand.class);

  private final FleetRuntime fleet;
  private final String command;
  private IoOutputStream out;
  private IoOutputStream err;
  private ExitCallback exitCallback;

  CliExecCommand(FleetRuntime fleet, String command) {
    this.fleet = fleet;
    this.command = command;
  }

  @Override
  public void setIoOutputStream(IoOutputStream stream) {
    this.out = stream;
  }

  @Override
  public void setIoErrorStream(IoOutputStream stream) {
    this.err = stream;
  }

  @Override
  public void setIoInputStream(IoInputStream stream) {
    // commands read no input
  }

  @Override
  public void setInputStream(InputStream in) {
    // not used: the asynchronous streams are
  }

  @Override
  public void setOutputStream(OutputStream stream) {
    // not used
  }

  @Override
  public void setErrorStream(OutputStream stream) {
    // not used
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exitCallback = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    SimulatedDevice device = fleet.deviceFor(channel.getSession());
    if (device == null) {
      exitCallback.onExit(255, "no device on this port");
      return;
    }
    device.countCliCommand();
    if (device.faults().takeDisconnectOnNextRequest()) {
      log.debug("device {}: dropping the session on command \"{}\" (fault)", device.id(), command);
      channel.getSession().close(true);
      return;
    }
    Duration latency = device.faults().replyLatency();
    fleet.workers().schedule(() -> answer(device), latency.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void answer(SimulatedDevice device) {
    try {
      CliReply reply = CliCommands.answer(device, command);
      String stdout = switch (device.faults().malformedReplies()) {
        case NONE -> reply.stdout();
        case NOT_XML -> "% this is not what you asked for <<< " + reply.stdout().length() + " bytes lost >>>\n";
        case TRUNCATED_XML -> reply.stdout().substring(0, Math.max(1, reply.stdout().length() / 2));
      };
      write(err, reply.stderr(), () -> write(out, stdout, () -> exitCallback.onExit(reply.exitStatus())));
    } catch (RuntimeException e) {
      log.warn("device {}: command \"{}\" failed in the simulator", device.id(), command, e);
      exitCallback.onExit(255, "simulator failure: " + e.getMessage());
    }
  }

  /** Writes {@code text} (if any), then runs {@code then} once MINA has written it or failed to. */
  private static void write(IoOutputStream stream, String text, Runnable then) {
    if (text.isEmpty() || stream == null) {
      then.run();
      return;
    }
    try {
      stream.writeBuffer(new ByteArrayBuffer(text.getBytes(StandardCharsets.UTF_8))).addListener(f -> then.run());
    } catch (IOException | RuntimeException e) {
      log.debug("simulated CLI write failed: {}", e.toString());
      then.run();
    }
  }

  @Override
  public void destroy(ChannelSession channel) {
    // nothing held
  }
}
