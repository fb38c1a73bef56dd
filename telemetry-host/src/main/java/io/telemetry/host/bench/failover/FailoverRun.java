package io.telemetry.host.bench.failover;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.host.bench.SimulatorProcess;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.host.cluster.LocalCluster;
import io.telemetry.host.cluster.LocalNode;
import io.telemetry.host.demo.FleetTargets;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.simulate.FleetSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The failover bench: the embedded broker, the simulated fleet in its own JVM, and a
 * {@link LocalCluster} of node JVMs on loopback addresses. Once every device delivers and the
 * spread has settled, one node is killed ({@code kill -9}); once the spread settled again on the
 * survivors plus a node added back, one node is stopped gracefully. Everything is judged from
 * the Kafka records of one topic (device key, {@code telemetry-node} header, sample time).
 */
public final class FailoverRun {

  /** One record per request of every poll: small, and written on every poll of every device. */
  static final String TOPIC = "telemetry.metrics.collector_request";
  private static final Duration POLL_EVERY = Duration.ofSeconds(2);

  private final FailoverSettings settings;
  private final String command;
  private final PrintStream out;
  private final Instant started = Instant.now();

  public FailoverRun(FailoverSettings settings, String command, PrintStream out) {
    this.settings = settings;
    this.command = command;
    this.out = out;
  }

  public FailoverFigures run() throws IOException {
    String loadBefore = MachineFacts.loadAverage();
    Path workDir = settings.workDir().toAbsolutePath();
    deleteTree(workDir.resolve("kafka"));
    deleteTree(workDir.resolve("nodes"));
    try (EmbeddedKafka broker = EmbeddedKafka.builder().dataDir(workDir.resolve("kafka")).partitions(6).build().start()) {
      // Every topic up front, as a deployment would (no producer racing auto-creation).
      broker.createTopics(JunosNetconfCollectorFactory.FAMILIES.stream().map(f -> "telemetry.metrics." + f)
          .toArray(String[]::new));
      out.printf("broker up; starting %d simulated devices%n", settings.devices());
      try (SimulatorProcess simulator = SimulatorProcess.start(workDir.resolve("simulator"), settings.devices(),
              settings.interfaces(), settings.interval(), settings.simulatorJvmOptions(), Duration.ofMinutes(5));
          LocalCluster cluster = LocalCluster.builder(workDir.resolve("nodes"))
              .settings(clusterSettings(broker, simulator))
              .jvmOptions(settings.nodeJvmOptions())
              .startTimeout(Duration.ofMinutes(3))
              .stopTimeout(Duration.ofMinutes(2))
              .build()) {
        List<String> devices = deviceIds();
        out.printf("simulator up; starting %d nodes (logs under %s)%n", settings.nodes(), workDir.resolve("nodes"));
        List<LocalNode> nodes = cluster.start(settings.nodes());
        long readySeconds = Duration.between(started, Instant.now()).toSeconds();
        out.printf("%d nodes ready after %d s%n", nodes.size(), readySeconds);
        try (DeliveryReader reader = new DeliveryReader(broker.bootstrapServers(), TOPIC, Duration.ofMinutes(2))) {
          awaitSettled(reader, names(cluster.nodes()), devices);
          long settledSeconds = Duration.between(started, Instant.now()).toSeconds();

          MoveFigures kill = null;
          if (settings.kill()) {
            LocalNode victim = nodes.get(1);
            Instant killedAt = Instant.now();
            out.printf("kill -9 %s (pid %d)%n", victim.name(), victim.pid());
            cluster.kill(victim);
            kill = observe(reader, "kill", victim.name(), killedAt, devices, settings.failoverBound().plusSeconds(60));
            FailoverReport.move(kill).forEach(out::println);
          }

          MoveFigures leave = null;
          String leaveError = null;
          if (settings.gracefulLeave()) {
            try {
              if (settings.kill()) {
                // Back to the full size first, so that the leave starts from a settled cluster of the same size.
                cluster.awaitMembersUp(settings.nodes() - 1, Duration.ofMinutes(1));
                LocalNode added = cluster.addNode();
                out.printf("%s added; waiting for the spread to settle%n", added.name());
                awaitSettled(reader, names(cluster.nodes()), devices);
              }
              // The oldest node: it also hosts the shard coordinator, which moves too (as in a rolling restart).
              LocalNode leaving = cluster.nodes().get(0);
              Instant stoppedAt = Instant.now();
              out.printf("stopping %s gracefully (SIGTERM)%n", leaving.name());
              cluster.stop(leaving);
              out.printf("%s exited after %d ms%n", leaving.name(), Duration.between(stoppedAt, Instant.now()).toMillis());
              leave = observe(reader, "leave", leaving.name(), stoppedAt, devices, Duration.ofMinutes(2));
            } catch (IllegalStateException e) {
              // Keep the kill's figures: the leave part could not be measured (e.g. the spread never settled).
              leaveError = e.getMessage();
              out.println("leave part not measured: " + leaveError);
            }
          }
          String loadAfter = MachineFacts.loadAverage();
          FailoverFigures.Run run = new FailoverFigures.Run(started.toString(), command, settings.nodes(),
              settings.devices(), settings.interfaces(), settings.interval().toSeconds(), TOPIC,
              Runtime.getRuntime().availableProcessors(), MachineFacts.memoryMib(), MachineFacts.cpuModel(),
              loadBefore, loadAfter, readySeconds, settledSeconds, settings.nodeJvmOptions(),
              settings.simulatorJvmOptions());
          FailoverFigures.Verdict verdict = FailoverFigures.judge(kill, leave, settings.failoverBound().toMillis());
          if (leaveError != null) {
            verdict = new FailoverFigures.Verdict(verdict.killMet(), false);
          }
          return new FailoverFigures(1, run, settingsFigures(), kill, leave, leaveError, verdict);
        }
      }
    }
  }

  private FailoverFigures.Settings settingsFigures() {
    return new FailoverFigures.Settings(settings.heartbeat().toMillis(), settings.acceptablePause().toMillis(),
        "keep-majority", settings.stableAfter().toMillis(), settings.effectiveRemovalMargin().toMillis(),
        settings.failureDetection().toMillis(), settings.failoverBound().toMillis());
  }

  /**
   * Waits until every moved device was polled again by another node (or {@code within} passed),
   * then three more intervals so that gaps after the move show, and measures.
   */
  private MoveFigures observe(DeliveryReader reader, String event, String node, Instant at, List<String> devices,
      Duration within) {
    Instant deadline = at.plus(within);
    Instant lastProgress = Instant.now();
    while (true) {
      Instant now = Instant.now();
      MoveFigures so = MoveFigureMath.measure(reader.all(), event, node, at, now, settings.interval(), devices);
      if (so.movedDelivering() == so.movedDevices() && so.unpolledDevices().isEmpty()) {
        out.printf("%s %s: all %d moved devices polled again after %d ms%n", event, node, so.movedDevices(),
            so.failoverMillis());
        break;
      }
      if (now.isAfter(deadline)) {
        out.printf("%s %s: %d of %d moved devices polled again within %s; giving up waiting%n", event, node,
            so.movedDelivering(), so.movedDevices(), within);
        break;
      }
      if (Duration.between(lastProgress, now).toSeconds() >= 10) {
        out.printf("  %s +%ds: %d of %d moved devices polled again, %d devices not polled since%n", event,
            Duration.between(at, now).toSeconds(), so.movedDelivering(), so.movedDevices(),
            so.unpolledDevices().size());
        lastProgress = now;
      }
      pause(POLL_EVERY);
    }
    pause(settings.interval().multipliedBy(3));
    return MoveFigureMath.measure(reader.all(), event, node, at, Instant.now(), settings.interval(), devices);
  }

  /**
   * Waits until every device delivered in the last two intervals, the owners are exactly
   * {@code nodes}, and no device changed node for three intervals.
   */
  private void awaitSettled(DeliveryReader reader, Set<String> nodes, List<String> devices) {
    Instant deadline = Instant.now().plus(settings.settleTimeout());
    Map<String, String> previous = Map.of();
    Instant stableSince = Instant.now();
    Instant lastProgress = Instant.now();
    while (true) {
      Instant now = Instant.now();
      Map<String, String> owners = MoveFigureMath.owners(MoveFigureMath.polls(reader.all(), settings.interval()),
          now.minus(settings.interval().multipliedBy(2)), now);
      if (!owners.equals(previous)) {
        previous = owners;
        stableSince = now;
      }
      Map<String, Integer> perNode = new TreeMap<>();
      owners.values().forEach(n -> perNode.merge(n, 1, Integer::sum));
      boolean complete = owners.size() == devices.size() && perNode.keySet().equals(new TreeSet<>(nodes));
      if (complete && Duration.between(stableSince, now).compareTo(settings.interval().multipliedBy(3)) >= 0) {
        out.printf("spread settled: %s%n", perNode);
        return;
      }
      if (now.isAfter(deadline)) {
        throw new IllegalStateException("bench failover: the spread did not settle on " + nodes + " within "
            + settings.settleTimeout() + "; devices per node over the last two intervals: " + perNode + ", "
            + (devices.size() - owners.size()) + " devices not polled");
      }
      if (Duration.between(lastProgress, now).toSeconds() >= 10) {
        out.printf("  settling: %s, %d devices not polled in the last two intervals, unchanged for %d s%n", perNode,
            devices.size() - owners.size(), Duration.between(stableSince, now).toSeconds());
        lastProgress = now;
      }
      pause(POLL_EVERY);
    }
  }

  private Config clusterSettings(EmbeddedKafka broker, SimulatorProcess simulator) {
    return clusterSettings(settings, broker.bootstrapServers(), simulator.knownHostsFile(),
        ConfigFactory.parseFile(simulator.targetsFile().toFile()));
  }

  /**
   * The settings every node gets (its own id, addresses and seed nodes are added by
   * {@link LocalCluster}), with placeholders for what is known only once the broker and the
   * simulator run: what {@code bench failover} checks before it starts anything.
   */
  public static Config plannedClusterSettings(FailoverSettings settings) {
    FleetSpec fleet = FleetSpec.of(settings.devices()).withInterfaces(settings.interfaces());
    return clusterSettings(settings, LocalStack.PLACEHOLDER_BOOTSTRAP,
        settings.workDir().toAbsolutePath().resolve("simulator").resolve("known_hosts"),
        FleetTargets.planned(fleet, settings.interval(), Duration.ofSeconds(20)));
  }

  private static Config clusterSettings(FailoverSettings settings, String bootstrap, Path knownHosts, Config targets) {
    StringBuilder hocon = new StringBuilder()
        .append("telemetry.kafka.bootstrap-servers = \"").append(bootstrap).append("\"\n")
        .append("telemetry.ssh.known-hosts = \"").append(knownHosts).append("\"\n")
        .append("telemetry.cluster.split-brain-resolver.stable-after = ").append(settings.stableAfter().toMillis())
        .append("ms\n")
        .append("pekko.cluster.failure-detector.heartbeat-interval = ").append(settings.heartbeat().toMillis())
        .append("ms\n")
        .append("pekko.cluster.failure-detector.acceptable-heartbeat-pause = ")
        .append(settings.acceptablePause().toMillis()).append("ms\n");
    if (settings.removalMargin() != null) {
      hocon.append("telemetry.cluster.split-brain-resolver.down-removal-margin = ")
          .append(settings.removalMargin().toMillis()).append("ms\n");
    }
    return ConfigFactory.parseString(hocon.toString()).withFallback(targets);
  }

  /** The simulator's device ids, from the targets file it wrote. */
  private List<String> deviceIds() {
    Config targets = ConfigFactory.parseFile(settings.workDir().toAbsolutePath().resolve("simulator")
        .resolve("targets.conf").toFile()).resolve();
    List<String> ids = new ArrayList<>();
    targets.getConfigList("telemetry.targets").forEach(t -> ids.add(t.getString("id")));
    if (ids.size() != settings.devices()) {
      throw new IllegalStateException("bench failover: the simulator's targets.conf lists " + ids.size()
          + " devices, expected " + settings.devices());
    }
    return ids;
  }

  private static Set<String> names(List<LocalNode> nodes) {
    Set<String> names = new TreeSet<>();
    nodes.forEach(n -> names.add(n.name()));
    return names;
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bench failover: interrupted", e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("bench failover: cannot clear " + dir, e);
    }
  }
}
