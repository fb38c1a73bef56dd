package io.telemetry.host.demo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.host.inventory.OverlayDir;
import io.telemetry.inventory.Target;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything on one machine: the embedded Kafka broker, a simulated fleet and one node polling
 * it, optionally with an embedded InfluxDB the node writes to as well. The demo, the bench and
 * the integration tests run on it.
 */
public final class LocalStack implements AutoCloseable {

  /** The node's telemetry.inventory.overlay-dir, in the work folder. */
  static final String OVERLAY_DIR = "inventory-overlay";

  private final Path workDir;
  private final EmbeddedKafka broker;
  private final SimulatedFleet fleet;
  private final EmbeddedInflux influx;
  private final String influxDatabase;
  private TelemetryNode node;

  private LocalStack(Path workDir, EmbeddedKafka broker, SimulatedFleet fleet, EmbeddedInflux influx,
      String influxDatabase) {
    this.workDir = workDir;
    this.broker = broker;
    this.fleet = fleet;
    this.influx = influx;
    this.influxDatabase = influxDatabase;
  }

  /**
   * Starts the broker and the fleet, then a node polling every device of the fleet.
   *
   * @param overrides settings that win over the stack's own (e.g. pipeline sizes in tests)
   */
  public static LocalStack start(Path workDir, FleetSpec spec, Duration interval, Config overrides) {
    LocalStack stack = startWithoutNode(workDir, spec);
    try {
      stack.startNode(stack.fleet.targets(interval, Duration.ofSeconds(10)), overrides);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /**
   * Like {@link #start}, with an embedded InfluxDB (Debian's influxd, in {@code workDir/influxdb})
   * holding {@code database}, which the node writes to ({@code telemetry.influx.enabled = on}).
   *
   * @throws io.telemetry.host.influx.InfluxdNotInstalledException when influxd is not installed
   */
  public static LocalStack startWithInflux(Path workDir, FleetSpec spec, Duration interval, Config overrides,
      String database) {
    LocalStack stack = startWithoutNode(workDir, spec, Optional.of(database));
    try {
      stack.startNode(stack.fleet.targets(interval, Duration.ofSeconds(10)), overrides);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Starts the broker and the fleet only; the caller starts the node (e.g. with edited targets). */
  public static LocalStack startWithoutNode(Path workDir, FleetSpec spec) {
    return startWithoutNode(workDir, spec, Optional.empty());
  }

  private static LocalStack startWithoutNode(Path workDir, FleetSpec spec, Optional<String> influxDatabase) {
    try {
      Files.createDirectories(workDir);
      // A new stack has a new fleet: run-time target changes of an earlier run would name its devices.
      OverlayDir.clear(workDir.toAbsolutePath().resolve(OVERLAY_DIR));
      EmbeddedInflux influx = influxDatabase.isEmpty() ? null
          : EmbeddedInflux.builder().dataDir(workDir.resolve("influxdb")).database(influxDatabase.get()).build().start();
      EmbeddedKafka broker;
      SimulatedFleet fleet;
      try {
        broker = EmbeddedKafka.builder().dataDir(workDir.resolve("kafka")).build().start();
      } catch (RuntimeException e) {
        closeQuietly(influx);
        throw e;
      }
      try {
        fleet = SimulatedFleet.start(spec.withHostKeyFile(workDir.resolve("simulator-host-key")));
        fleet.writeKnownHosts(workDir.resolve("known_hosts"));
      } catch (IOException | RuntimeException e) {
        broker.close();
        closeQuietly(influx);
        throw e;
      }
      return new LocalStack(workDir, broker, fleet, influx, influxDatabase.orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local stack in " + workDir, e);
    }
  }

  private static void closeQuietly(EmbeddedInflux influx) {
    if (influx != null) {
      influx.close();
    }
  }

  /** Starts the node with the given targets (which may differ from the fleet's, e.g. a wrong password). */
  public TelemetryNode startNode(List<Target> targets, Config overrides) {
    Map<String, Object> settings = new HashMap<>(Map.of(
        "telemetry.node-id", "local-node",
        "telemetry.kafka.bootstrap-servers", broker.bootstrapServers(),
        "telemetry.ssh.known-hosts", workDir.resolve("known_hosts").toString(),
        "pekko.remote.artery.canonical.port", 0,
        "telemetry.management.port", 0, // any free ports: several stacks may run at once
        // In the stack's folder, never the default /var/lib/telemetry: kept when the node is
        // started again in this stack, emptied when a new stack starts (startWithoutNode).
        "telemetry.inventory.overlay-dir", overlayDir().toString()));
    if (influx != null) {
      settings.put("telemetry.influx.enabled", true);
      settings.put("telemetry.influx.url", influx.url().toString());
      settings.put("telemetry.influx.dialect", "v1");
      settings.put("telemetry.influx.database", influxDatabase);
    }
    Config stackSettings = ConfigFactory.parseMap(settings);
    Config config = overrides
        .withFallback(FleetTargets.asConfig(targets))
        .withFallback(stackSettings);
    node = TelemetryNode.start(TelemetryConfig.load(Optional.empty(), config));
    return node;
  }

  public EmbeddedKafka broker() {
    return broker;
  }

  public SimulatedFleet fleet() {
    return fleet;
  }

  public TelemetryNode node() {
    return node;
  }

  public Path workDir() {
    return workDir;
  }

  /** Where the node keeps the run-time target changes (telemetry.inventory.overlay-dir). */
  public Path overlayDir() {
    return workDir.toAbsolutePath().resolve(OVERLAY_DIR);
  }

  /** The embedded InfluxDB, when the stack was started with one. */
  public Optional<EmbeddedInflux> influx() {
    return Optional.ofNullable(influx);
  }

  /** The database the node writes to in the embedded InfluxDB, when there is one. */
  public Optional<String> influxDatabase() {
    return Optional.ofNullable(influxDatabase);
  }

  /** Stops the node first (draining what it holds), then the fleet, the broker and InfluxDB. */
  @Override
  public void close() {
    if (node != null) {
      node.close();
    }
    fleet.close();
    broker.close();
    closeQuietly(influx);
  }
}
