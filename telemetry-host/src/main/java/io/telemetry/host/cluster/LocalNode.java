package io.telemetry.host.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.telemetry.host.TelemetryCli;
import io.telemetry.host.inventory.OverlayDir;
import io.telemetry.host.process.ChildFiles;
import io.telemetry.host.process.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node of a {@link LocalCluster}: a JVM running {@code telemetry run} with a generated config,
 * in its own folder:
 *
 * <pre>
 * node.conf         the node's config (its id, addresses, seed nodes, and the cluster-wide settings)
 * logback-node.xml  its logging: Telemetry and cluster membership at INFO, the rest at WARN
 * node.log          the JVM's output
 * node.args         java argument file with the classpath
 * </pre>
 */
public final class LocalNode {

  private static final int LOG_TAIL_LINES = 60;

  private static final String LOGBACK = String.join("\n",
      "<configuration>",
      "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
      "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{24}%replace( [%X{device}]){' \\[\\]', ''} - %msg%n</pattern></encoder>",
      "  </appender>",
      "  <logger name=\"io.telemetry\" level=\"INFO\"/>",
      "  <logger name=\"org.apache.pekko.cluster.Cluster\" level=\"INFO\"/>",
      "  <logger name=\"org.apache.pekko.cluster.sbr\" level=\"INFO\"/>",
      "  <logger name=\"org.apache.pekko.cluster.sharding\" level=\"INFO\"/>",
      "  <root level=\"WARN\"><appender-ref ref=\"OUT\"/></root>",
      "</configuration>",
      "");

  private final String name;
  private final String host;
  private final int remotingPort;
  private final int managementPort;
  private final Path dir;
  private final Process process;
  private final ManagementProbe management;

  private LocalNode(String name, String host, int remotingPort, int managementPort, Path dir, Process process) {
    this.name = name;
    this.host = host;
    this.remotingPort = remotingPort;
    this.managementPort = managementPort;
    this.dir = dir;
    this.process = process;
    this.management = new ManagementProbe(managementUrl());
  }

  /** Writes the node's config and starts its JVM; does not wait for it (see {@link #awaitReady}). */
  static LocalNode launch(String name, String host, int remotingPort, int managementPort, Path dir, Config config,
      List<String> jvmOptions) {
    try {
      Files.createDirectories(dir);
      Path configFile = dir.resolve("node.conf");
      Files.writeString(configFile, config.root().render(ConfigRenderOptions.concise().setJson(false).setFormatted(true)));
      Path logback = dir.resolve("logback-node.xml");
      Files.writeString(logback, LOGBACK);
      List<String> options = new ArrayList<>(jvmOptions);
      options.addAll(OverlayDir.JVM_OPTIONS); // whatever options the cluster was given: the overlay store needs them
      // Its own logging: a test classpath's logback-test.xml would otherwise win.
      options.add("-Dlogback.configurationFile=" + logback);
      List<String> command = new ArrayList<>(ChildJvm.command(dir.resolve("node.args"), options,
          NodeChildMain.class, List.of(TelemetryCli.class, ch.qos.logback.classic.Logger.class, scala.Predef.class)));
      command.add(name);
      command.add(configFile.toString());
      Process process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()))
          .start(); // stdin stays a pipe: the node exits when this JVM dies (NodeChildMain)
      return new LocalNode(name, host, remotingPort, managementPort, dir, process);
    } catch (IOException e) {
      throw new UncheckedIOException("local cluster: cannot start node " + name + " in " + dir, e);
    }
  }

  /** Waits until {@code /health/ready} answers 200. */
  void awaitReady(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!management.ready()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("local cluster: node " + name + " exited with status " + process.exitValue()
            + " while starting; last lines of " + logFile() + ":\n" + ChildFiles.tail(logFile(), LOG_TAIL_LINES));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("local cluster: node " + name + " was not ready within " + within
            + "; last lines of " + logFile() + ":\n" + ChildFiles.tail(logFile(), LOG_TAIL_LINES));
      }
      pause(200);
    }
  }

  /** Kills the JVM at once, like {@code kill -9}: no leaving, no hand-off. */
  void kill() {
    process.destroyForcibly(); // SIGKILL on Unix
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops the node as an operator would (SIGTERM: coordinated shutdown hands its shards off,
   * leaves the cluster, drains the pipeline) and waits for it; kills it after {@code timeout}.
   *
   * @return whether it exited on its own within the timeout
   */
  boolean stop(Duration timeout) {
    process.destroy();
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
    return false;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The node's id ({@code telemetry.node-id}): the {@code telemetry-node} header of its records. */
  public String name() {
    return name;
  }

  public String host() {
    return host;
  }

  public int remotingPort() {
    return remotingPort;
  }

  public int managementPort() {
    return managementPort;
  }

  /** The node's management HTTP base URL, as {@code --management} and {@link ManagementClient} take it. */
  public URI managementUrl() {
    return URI.create("http://" + host + ":" + managementPort);
  }

  /** {@code pekko://telemetry@host:port}, as in seed-nodes and cluster member lists. */
  public String address() {
    return "pekko://telemetry@" + host + ":" + remotingPort;
  }

  public ManagementProbe management() {
    return management;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public Path dir() {
    return dir;
  }

  public Path logFile() {
    return dir.resolve("node.log");
  }

  @Override
  public String toString() {
    return name + "@" + host + ":" + remotingPort + (isAlive() ? "" : " (exited)");
  }
}
