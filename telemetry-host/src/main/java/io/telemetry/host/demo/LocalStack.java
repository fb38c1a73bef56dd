package io.telemetry.host.demo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.host.inventory.OverlayDir;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.host.process.ChildFiles;
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
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

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
    return start(workDir, spec, interval, overrides, Optional.empty(), step -> { });
  }

  /**
   * Starts InfluxDB (when {@code influxDatabase} is given, as {@link #startWithInflux}), the broker,
   * the fleet and the node, telling {@code steps} each step as it starts and once it runs (with its
   * address), for the demo's start-up output.
   */
  public static LocalStack start(Path workDir, FleetSpec spec, Duration interval, Config overrides,
      Optional<String> influxDatabase, Consumer<String> steps) {
    LocalStack stack = startWithoutNode(workDir, spec, influxDatabase, steps);
    try {
      steps.accept("node: starting (" + spec.devices() + " targets)...");
      TelemetryNode node = stack.startNode(stack.fleet.targets(interval, TARGET_TIMEOUT), overrides);
      steps.accept("node: started as " + node.nodeId() + ", " + node.targets().size() + " targets");
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
    return start(workDir, spec, interval, overrides, Optional.of(database), step -> { });
  }

  /** Starts the broker and the fleet only; the caller starts the node (e.g. with edited targets). */
  public static LocalStack startWithoutNode(Path workDir, FleetSpec spec) {
    return startWithoutNode(workDir, spec, UnaryOperator.identity());
  }

  /** Like {@link #startWithoutNode(Path, FleetSpec)}, with a broker of other settings (e.g. no topic auto-creation). */
  public static LocalStack startWithoutNode(Path workDir, FleetSpec spec, UnaryOperator<EmbeddedKafka.Builder> broker) {
    return startWithoutNode(workDir, spec, Optional.empty(), step -> { }, broker);
  }

  private static LocalStack startWithoutNode(Path workDir, FleetSpec spec, Optional<String> influxDatabase,
      Consumer<String> steps) {
    return startWithoutNode(workDir, spec, influxDatabase, steps, UnaryOperator.identity());
  }

  private static LocalStack startWithoutNode(Path workDir, FleetSpec spec, Optional<String> influxDatabase,
      Consumer<String> steps, UnaryOperator<EmbeddedKafka.Builder> brokerSettings) {
    try {
      Files.createDirectories(workDir);
      // A new stack has a new fleet: run-time target changes of an earlier run would name its devices,
      // and the rules would replay its unread metric records as events of that old fleet.
      OverlayDir.clear(workDir.toAbsolutePath().resolve(OVERLAY_DIR));
      ChildFiles.deleteRecursively(workDir.resolve("kafka"), "local stack");
      EmbeddedInflux influx = null;
      if (influxDatabase.isPresent()) {
        steps.accept("InfluxDB: starting (data in " + workDir.resolve("influxdb") + ")...");
        influx = EmbeddedInflux.builder().dataDir(workDir.resolve("influxdb")).database(influxDatabase.get()).build()
            .start();
        steps.accept("InfluxDB: started at " + influx.url() + ", database " + influxDatabase.get());
      }
      EmbeddedKafka broker;
      SimulatedFleet fleet;
      try {
        steps.accept("Kafka broker: starting (data in " + workDir.resolve("kafka") + ")...");
        broker = brokerSettings.apply(EmbeddedKafka.builder().dataDir(workDir.resolve("kafka"))).build().start();
        steps.accept("Kafka broker: started at " + broker.bootstrapServers());
      } catch (RuntimeException e) {
        closeQuietly(influx);
        throw e;
      }
      try {
        steps.accept("simulated fleet: starting " + spec.devices() + " devices x " + spec.interfacesPerDevice()
            + " interfaces...");
        fleet = SimulatedFleet.start(spec.withHostKeyFile(workDir.resolve("simulator-host-key")),
            new CountProgress(steps, "simulated fleet: %d/%d devices listening", spec.devices(), Duration.ofSeconds(1)));
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
    Config config = nodeSettings(broker.bootstrapServers(), workDir.resolve("known_hosts"), overlayDir(),
        influx == null ? Optional.empty() : Optional.of(influx.url().toString()), influxDatabase,
        FleetTargets.asConfig(targets), overrides);
    node = TelemetryNode.start(TelemetryConfig.load(Optional.empty(), config));
    return node;
  }

  /**
   * The settings a stack in {@code workDir} gives its node, with placeholders for what is only
   * known once the broker, InfluxDB and the fleet run (the broker's address, InfluxDB's URL, the
   * devices' ports): what a command checks before it starts anything.
   *
   * @param influxDatabase the embedded InfluxDB's database, when the stack will have one
   */
  public static Config plannedNodeSettings(Path workDir, FleetSpec spec, Duration interval, Config overrides,
      Optional<String> influxDatabase) {
    return nodeSettings(PLACEHOLDER_BOOTSTRAP, workDir.resolve("known_hosts"), workDir.toAbsolutePath().resolve(OVERLAY_DIR),
        influxDatabase.map(db -> PLACEHOLDER_INFLUX_URL), influxDatabase.orElse(null),
        FleetTargets.planned(spec, interval, TARGET_TIMEOUT), overrides);
  }

  /** Stands for the embedded broker's address, picked when it starts. */
  public static final String PLACEHOLDER_BOOTSTRAP = "127.0.0.1:9092";
  /** Stands for the embedded InfluxDB's URL, picked when it starts. */
  static final String PLACEHOLDER_INFLUX_URL = "http://127.0.0.1:8086";
  private static final Duration TARGET_TIMEOUT = Duration.ofSeconds(10);

  private static Config nodeSettings(String bootstrap, Path knownHosts, Path overlayDir, Optional<String> influxUrl,
      String influxDatabase, Config targets, Config overrides) {
    Map<String, Object> settings = new HashMap<>(Map.of(
        "telemetry.node-id", "local-node",
        "telemetry.kafka.bootstrap-servers", bootstrap,
        "telemetry.ssh.known-hosts", knownHosts.toString(),
        "pekko.remote.artery.canonical.port", 0,
        "telemetry.management.port", 0, // any free ports: several stacks may run at once
        // In the stack's folder, never the default /var/lib/telemetry: kept when the node is
        // started again in this stack, emptied when a new stack starts (startWithoutNode).
        "telemetry.inventory.overlay-dir", overlayDir.toString()));
    influxUrl.ifPresent(url -> {
      settings.put("telemetry.influx.enabled", true);
      settings.put("telemetry.influx.url", url);
      settings.put("telemetry.influx.dialect", "v1");
      settings.put("telemetry.influx.database", influxDatabase);
    });
    return overrides.withFallback(targets).withFallback(ConfigFactory.parseMap(settings));
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
