package io.telemetry.host.demo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.inventory.Target;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything on one machine: the embedded Kafka broker, a simulated fleet and one node polling
 * it. The demo, the bench and the integration tests run on it.
 */
public final class LocalStack implements AutoCloseable {

  private final Path workDir;
  private final EmbeddedKafka broker;
  private final SimulatedFleet fleet;
  private TelemetryNode node;

  private LocalStack(Path workDir, EmbeddedKafka broker, SimulatedFleet fleet) {
    this.workDir = workDir;
    this.broker = broker;
    this.fleet = fleet;
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

  /** Starts the broker and the fleet only; the caller starts the node (e.g. with edited targets). */
  public static LocalStack startWithoutNode(Path workDir, FleetSpec spec) {
    try {
      Files.createDirectories(workDir);
      EmbeddedKafka broker = EmbeddedKafka.builder().dataDir(workDir.resolve("kafka")).build().start();
      SimulatedFleet fleet;
      try {
        fleet = SimulatedFleet.start(spec.withHostKeyFile(workDir.resolve("simulator-host-key")));
        fleet.writeKnownHosts(workDir.resolve("known_hosts"));
      } catch (IOException | RuntimeException e) {
        broker.close();
        throw e;
      }
      return new LocalStack(workDir, broker, fleet);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local stack in " + workDir, e);
    }
  }

  /** Starts the node with the given targets (which may differ from the fleet's, e.g. a wrong password). */
  public TelemetryNode startNode(List<Target> targets, Config overrides) {
    Config stackSettings = ConfigFactory.parseMap(Map.of(
        "telemetry.node-id", "local-node",
        "telemetry.kafka.bootstrap-servers", broker.bootstrapServers(),
        "telemetry.ssh.known-hosts", workDir.resolve("known_hosts").toString(),
        "pekko.remote.artery.canonical.port", 0));
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

  /** Stops the node first (draining what it holds), then the fleet, then the broker. */
  @Override
  public void close() {
    if (node != null) {
      node.close();
    }
    fleet.close();
    broker.close();
  }
}
