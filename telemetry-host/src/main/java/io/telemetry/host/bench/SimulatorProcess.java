package io.telemetry.host.bench;

import io.telemetry.host.TelemetryCli;
import io.telemetry.host.process.ChildJvm;
import io.telemetry.simulate.SimulatedFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulated fleet in a JVM of its own ({@code telemetry simulate}), so that the collector's
 * heap and CPU figures do not include it. Its files go to one folder:
 *
 * <pre>
 * simulator.log      the child's output
 * known_hosts        the devices' host keys, for the node
 * targets.conf       the HOCON target list, for the node
 * simulator.args     java argument file with the classpath
 * .telemetry/        the simulator's host key
 * </pre>
 *
 * <p>The child dies with this JVM: {@link #close} and a shutdown hook stop it, and if this JVM is
 * killed the child sees its standard input close and exits ({@link SimulatorChildMain}).
 */
public final class SimulatorProcess implements AutoCloseable {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final Path dir;
  private final Process process;
  private final Thread shutdownHook;

  private SimulatorProcess(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
    this.shutdownHook = new Thread(this::stop, "telemetry-bench-simulator-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts the simulator and waits until it prints {@code ready} (every device listening, files
   * written).
   *
   * @throws IllegalStateException with the end of its output when it exits or is not ready in time
   */
  public static SimulatorProcess start(Path dir, int devices, int interfaces, Duration interval,
      List<String> jvmOptions, Duration readyTimeout) {
    return start(dir, devices, interfaces, interval, jvmOptions, List.of(), readyTimeout);
  }

  /**
   * As {@link #start(Path, int, int, Duration, List, Duration)}, with more {@code telemetry simulate}
   * options (e.g. {@code --chaos}).
   */
  public static SimulatorProcess start(Path dir, int devices, int interfaces, Duration interval,
      List<String> jvmOptions, List<String> simulateOptions, Duration readyTimeout) {
    SimulatorProcess simulator;
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve("targets.conf"));
      List<String> command = new ArrayList<>(ChildJvm.command(dir.resolve("simulator.args"), jvmOptions,
          SimulatorChildMain.class, List.of(TelemetryCli.class, SimulatedFleet.class)));
      command.addAll(List.of(
          "--devices", Integer.toString(devices),
          "--interfaces", Integer.toString(interfaces),
          "--interval", interval.toMillis() + "ms",
          "--known-hosts", dir.resolve("known_hosts").toString(),
          "--targets-out", dir.resolve("targets.conf").toString()));
      command.addAll(simulateOptions);
      Process process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("simulator.log").toFile())
          .start(); // stdin stays a pipe: the child exits when it closes
      simulator = new SimulatorProcess(dir, process);
    } catch (IOException e) {
      throw new UncheckedIOException("bench: cannot start the simulator JVM in " + dir, e);
    }
    try {
      simulator.awaitReady(readyTimeout, devices);
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
    return simulator;
  }

  private void awaitReady(Duration timeout, int devices) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!outputLines().contains("ready")) {
      if (!process.isAlive()) {
        throw new IllegalStateException("bench: the simulator (" + devices + " devices) exited with status "
            + process.exitValue() + " before it was ready; end of " + logFile() + ":\n" + outputTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("bench: the simulator (" + devices + " devices) was not ready within "
            + timeout + "; end of " + logFile() + ":\n" + outputTail());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("bench: interrupted while waiting for the simulator", e);
      }
    }
  }

  private List<String> outputLines() {
    try {
      return Files.exists(logFile()) ? Files.readAllLines(logFile(), StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      return List.of(); // written concurrently; read again on the next round
    }
  }

  /** The end of the simulator's output, for error messages. */
  public String outputTail() {
    List<String> lines = outputLines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The HOCON {@code telemetry.targets} list of every simulated device. */
  public Path targetsFile() {
    return dir.resolve("targets.conf");
  }

  public Path knownHostsFile() {
    return dir.resolve("known_hosts");
  }

  public Path logFile() {
    return dir.resolve("simulator.log");
  }

  /** Stops the simulator (SIGTERM, then kill after a timeout) and waits for it to exit. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to; it stops the child.
    }
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
