package io.telemetry.it.snmp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * An SNMP agent (snmpd or snmpsimd) run as a child process in the foreground on a free loopback UDP
 * port, its output in a log file. Started when it answers a GET; a port taken in the meantime is
 * retried with another. {@link #close()} ends it (TERM, then KILL).
 */
public final class AgentProcess implements AutoCloseable {

  private static final int PORT_TRIES = 3;

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private AgentProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * @param command the command line for a given port
   * @param probe   how to ask the agent for sysUpTime.0 to see that it is up
   */
  static AgentProcess start(String name, IntFunction<List<String>> command, Map<String, String> environment,
      Path log, SnmpWalk tools, ToolLogin probe, Duration startup) {
    String lastLog = "";
    for (int attempt = 1; attempt <= PORT_TRIES; attempt++) {
      int port = FreeUdpPort.pick();
      Process process;
      try {
        ProcessBuilder builder = new ProcessBuilder(command.apply(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        process.getOutputStream().close();
      } catch (IOException e) {
        throw new AssertionError("cannot start " + name, e);
      }
      AgentProcess agent = new AgentProcess(name, process, port, log);
      long deadline = System.nanoTime() + startup.toNanos();
      while (process.isAlive() && System.nanoTime() < deadline) {
        if (tools.answers(port, probe)) {
          return agent;
        }
        sleep(100);
      }
      lastLog = agent.logText();
      agent.close();
      if (!portTaken(lastLog)) {
        throw new AssertionError(name + " did not answer on 127.0.0.1:" + port + "/udp within " + startup
            + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + "; its log:\n" + lastLog);
      }
    }
    throw new AssertionError(name + " found no free port in " + PORT_TRIES + " tries; last log:\n" + lastLog);
  }

  private static boolean portTaken(String log) {
    return log.contains("Address already in use") || log.contains("Error opening specified endpoint");
  }

  public int port() {
    return port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + "@127.0.0.1:" + port + "/udp";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
