package io.telemetry.collect.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An SSH server whose exec commands do what a test scripts: print, fail, hang, flood or drop the
 * connection. Counts connections and commands, so tests can check that one SSH connection
 * carries every command and that each command's channel ends.
 */
final class ScriptedSshDevice implements AutoCloseable {

  static final String USER = "telemetry";
  static final String PASSWORD = "secret";

  /** What one command does with its streams. */
  @FunctionalInterface
  interface Script {
    /** Returns the exit status; {@code null} to send none. */
    Integer run(OutputStream out, OutputStream err, ChannelSession channel) throws Exception;
  }

  private final SshServer server;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger openConnections = new AtomicInteger();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();

  ScriptedSshDevice(Path dir) throws IOException {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("host.key"));
    hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    hostKeys.setKeySize(256);
    server.setKeyPairProvider(hostKeys);
    server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    server.addSessionListener(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        connections.incrementAndGet();
        openConnections.incrementAndGet();
      }

      @Override
      public void sessionClosed(Session session) {
        openConnections.decrementAndGet();
      }
    });
    server.setCommandFactory((channel, command) -> new ScriptedCommand(command));
    server.start();
  }

  ScriptedSshDevice on(String command, Script script) {
    scripts.put(command, script);
    return this;
  }

  /** A command that prints {@code text} and exits 0. */
  ScriptedSshDevice prints(String command, String text) {
    return on(command, (out, err, channel) -> {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      return 0;
    });
  }

  int port() {
    return server.getPort();
  }

  /** SSH connections accepted so far. */
  int connections() {
    return connections.get();
  }

  int openConnections() {
    return openConnections.get();
  }

  /** Exec commands started and ended (their channel closed or destroyed) so far. */
  int commandsStarted() {
    return started.get();
  }

  int commandsEnded() {
    return ended.get();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  private final class ScriptedCommand implements Command {
    private final String command;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private final CountDownLatch destroyed = new CountDownLatch(1);
    private Thread thread;

    ScriptedCommand(String command) {
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      // commands read nothing
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      started.incrementAndGet();
      Script script = scripts.getOrDefault(command, (o, e, c) -> {
        o.write(("error: syntax error, expecting <command>: " + command + "\n").getBytes(StandardCharsets.UTF_8));
        return 0;
      });
      thread = new Thread(() -> {
        try {
          Integer status = script.run(out, err, channel);
          out.flush();
          err.flush();
          if (status != null) {
            exit.onExit(status);
          } else {
            channel.close(false);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          // the client went away or the script dropped the connection
        }
      }, "scripted-command");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
      ended.incrementAndGet();
      destroyed.countDown();
      if (thread != null) {
        thread.interrupt();
      }
    }
  }
}
