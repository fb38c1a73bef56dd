package io.telemetry.host.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.telemetry.host.inventory.OverlayDir;
import io.telemetry.host.process.ChildFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Several Telemetry nodes on one machine, each a JVM of its own running {@code telemetry run} on
 * its own loopback address (127.0.0.1, 127.0.0.2, ...), as one Pekko cluster. For failover tests
 * and benchmarks: nodes can be killed like {@code kill -9}, stopped gracefully, and added.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder(workDir).settings(clusterWide).build()) {
 *   cluster.start(3);                       // node-1..node-3, all ready
 *   cluster.kill(cluster.node("node-2"));   // kill -9
 *   cluster.stop(cluster.node("node-3"));   // hand-off and leave
 *   LocalNode fresh = cluster.addNode();    // node-4 joins
 * }
 * }</pre>
 *
 * <p>{@code settings} go to every node: the targets, {@code telemetry.kafka.bootstrap-servers},
 * {@code telemetry.ssh.known-hosts}, timings. Each node gets its own {@code telemetry.node-id}
 * (its name), remoting and management addresses, and seed nodes (the nodes running when it
 * starts; or, with {@link Builder#bootstrap()}, the same nodes as config-discovery endpoints) and
 * its own {@code telemetry.inventory.overlay-dir} in its folder (unless {@code settings} set it
 * {@code off}). Nodes die with this JVM. Methods are synchronized.
 */
public final class LocalCluster implements AutoCloseable {

  private final Path workDir;
  private final Config settings;
  private final List<String> jvmOptions;
  private final Duration startTimeout;
  private final Duration stopTimeout;
  private final boolean distinctAddresses;
  private final boolean bootstrap;
  private final Map<String, LocalNode> running = new LinkedHashMap<>();
  private int started;

  private LocalCluster(Builder b) {
    this.workDir = b.workDir;
    this.settings = b.settings.resolve();
    this.jvmOptions = List.copyOf(b.jvmOptions);
    this.startTimeout = b.startTimeout;
    this.stopTimeout = b.stopTimeout;
    this.distinctAddresses = b.distinctAddresses;
    this.bootstrap = b.bootstrap;
  }

  public static Builder builder(Path workDir) {
    return new Builder(workDir);
  }

  /** Starts {@code count} nodes that form a new cluster together; returns once every one is ready. */
  public synchronized List<LocalNode> start(int count) {
    if (!running.isEmpty()) {
      throw new IllegalStateException("local cluster already runs " + running.keySet() + "; use addNode()");
    }
    List<Planned> planned = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      planned.add(plan());
    }
    List<LocalNode> nodes = new ArrayList<>();
    for (Planned p : planned) {
      nodes.add(launch(p, planned, count));
    }
    awaitReady(nodes);
    return nodes;
  }

  /**
   * Starts stopped nodes again as a new cluster, like VMs after a maintenance restart of the whole
   * cluster: the same names, folders (so the same {@code telemetry.inventory.overlay-dir}),
   * addresses and ports. Returns once every one is ready.
   */
  public synchronized List<LocalNode> restart(List<LocalNode> stopped) {
    if (!running.isEmpty()) {
      throw new IllegalStateException("local cluster: restart is for a stopped cluster, but " + running.keySet()
          + " still run");
    }
    List<Planned> planned = stopped.stream().map(n -> {
      if (n.isAlive()) {
        throw new IllegalStateException("local cluster: node " + n.name() + " still runs");
      }
      return new Planned(n.name(), n.host(), n.remotingPort(), n.managementPort());
    }).toList();
    List<LocalNode> nodes = new ArrayList<>();
    for (Planned p : planned) {
      nodes.add(launch(p, planned, planned.size()));
    }
    awaitReady(nodes);
    return nodes;
  }

  /** Starts one more node, which joins the running ones; returns once it is ready. */
  public synchronized LocalNode addNode() {
    Planned p = plan();
    List<Planned> others = new ArrayList<>(running.values().stream()
        .map(n -> new Planned(n.name(), n.host(), n.remotingPort(), n.managementPort())).toList());
    if (others.isEmpty()) {
      others.add(p);
    }
    // With bootstrap, a node joins an existing cluster it discovers; it needs no quorum of its own.
    LocalNode node = launch(p, others, 1);
    awaitReady(List.of(node));
    return node;
  }

  /** Kills a node like {@code kill -9}; the others notice by failure detection and the SBR downs it. */
  public synchronized void kill(LocalNode node) {
    node.kill();
    running.remove(node.name());
  }

  /**
   * Stops a node gracefully (SIGTERM) and waits until its JVM exited.
   *
   * @throws IllegalStateException when it had to be killed after the stop timeout
   */
  public synchronized void stop(LocalNode node) {
    boolean clean = node.stop(stopTimeout);
    running.remove(node.name());
    if (!clean) {
      throw new IllegalStateException("local cluster: node " + node.name() + " did not stop within " + stopTimeout
          + " and was killed; last lines of " + node.logFile() + ":\n" + ChildFiles.tail(node.logFile(), 40));
    }
  }

  /** The running nodes, in start order. */
  public synchronized List<LocalNode> nodes() {
    return List.copyOf(running.values());
  }

  public synchronized LocalNode node(String name) {
    LocalNode node = running.get(name);
    if (node == null) {
      throw new IllegalArgumentException("local cluster: no running node " + name + "; running: " + running.keySet());
    }
    return node;
  }

  /** Waits until every running node sees exactly {@code count} members, all Up. */
  public void awaitMembersUp(int count, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      List<LocalNode> nodes = nodes();
      boolean settled = nodes.stream().allMatch(n -> {
        List<ManagementProbe.Member> members = n.management().members();
        return members.size() == count && members.stream().allMatch(m -> m.status().equals("Up"));
      });
      if (settled) {
        return;
      }
      if (System.nanoTime() > deadline) {
        StringBuilder seen = new StringBuilder();
        nodes.forEach(n -> seen.append("\n  ").append(n.name()).append(" sees ").append(n.management().members()));
        throw new IllegalStateException("local cluster: not " + count + " members Up within " + within + ":" + seen);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** Stops every node gracefully, at once. */
  @Override
  public synchronized void close() {
    List<CompletableFuture<Boolean>> stops = running.values().stream()
        .map(n -> CompletableFuture.supplyAsync(() -> n.stop(stopTimeout))).toList();
    stops.forEach(CompletableFuture::join);
    running.clear();
  }

  /**
   * Stops every node gracefully, at once, as for maintenance of the whole cluster; returns them
   * for {@link #restart}.
   *
   * @throws IllegalStateException when one had to be killed after the stop timeout
   */
  public synchronized List<LocalNode> stopAll() {
    List<LocalNode> nodes = List.copyOf(running.values());
    List<CompletableFuture<Boolean>> stops = nodes.stream()
        .map(n -> CompletableFuture.supplyAsync(() -> n.stop(stopTimeout))).toList();
    running.clear();
    List<LocalNode> killed = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (!stops.get(i).join()) {
        killed.add(nodes.get(i));
      }
    }
    if (!killed.isEmpty()) {
      throw new IllegalStateException("local cluster: " + killed + " did not stop within " + stopTimeout
          + " and were killed; last lines of " + killed.get(0).logFile() + ":\n"
          + ChildFiles.tail(killed.get(0).logFile(), 40));
    }
    return nodes;
  }

  private record Planned(String name, String host, int remotingPort, int managementPort) {
    String address() {
      return "pekko://telemetry@" + host + ":" + remotingPort;
    }
  }

  private Planned plan() {
    started++;
    String host = distinctAddresses ? "127.0.0." + Math.min(started, 254) : "127.0.0.1";
    try {
      return new Planned("node-" + started, host, ChildFiles.freePort(host), ChildFiles.freePort(host));
    } catch (IOException e) {
      throw new UncheckedIOException("local cluster: no free port on " + host, e);
    }
  }

  /**
   * @param contacts  the nodes this one contacts: its seed nodes, or with bootstrap the endpoints
   *                  config discovery lists
   * @param quorum    with bootstrap, how many contact points must be found to form a new cluster
   */
  private LocalNode launch(Planned p, List<Planned> contacts, int quorum) {
    Config joining = bootstrap ? bootstrapSettings(contacts, quorum)
        : ConfigFactory.empty().withValue("pekko.cluster.seed-nodes",
            ConfigValueFactory.fromIterable(contacts.stream().map(Planned::address).toList()));
    Config node = ConfigFactory.empty()
        .withValue("telemetry.node-id", ConfigValueFactory.fromAnyRef(p.name()))
        .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(p.host()))
        .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(p.remotingPort()))
        .withValue("telemetry.management.enabled", ConfigValueFactory.fromAnyRef(true))
        .withValue("telemetry.management.hostname", ConfigValueFactory.fromAnyRef(p.host()))
        .withValue("telemetry.management.port", ConfigValueFactory.fromAnyRef(p.managementPort()))
        .withFallback(joining);
    Path dir = workDir.resolve(p.name());
    if (!overlayOff()) {
      // Each node its own folder (it is locked while the node runs), kept for a restart.
      node = node.withValue(OverlayDir.SETTING, ConfigValueFactory.fromAnyRef(dir.resolve("inventory-overlay").toString()));
    }
    LocalNode launched = LocalNode.launch(p.name(), p.host(), p.remotingPort(), p.managementPort(), dir,
        node.withFallback(settings), jvmOptions);
    running.put(p.name(), launched);
    return launched;
  }

  /** Whether the cluster-wide settings keep run-time target changes in memory only. */
  private boolean overlayOff() {
    return settings.hasPath(OverlayDir.SETTING) && settings.getString(OverlayDir.SETTING).strip().equalsIgnoreCase("off");
  }

  /** Cluster Bootstrap with config discovery: the contacts' management endpoints are the service's. */
  private static Config bootstrapSettings(List<Planned> contacts, int quorum) {
    List<Map<String, Object>> endpoints = contacts.stream()
        .map(c -> Map.<String, Object>of("host", c.host(), "port", c.managementPort())).toList();
    return ConfigFactory.empty()
        .withValue("telemetry.cluster.bootstrap", ConfigValueFactory.fromAnyRef(true))
        .withValue("telemetry.cluster.discovery-method", ConfigValueFactory.fromAnyRef("config"))
        .withValue("telemetry.cluster.required-contact-points", ConfigValueFactory.fromAnyRef(quorum))
        .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(List.of()))
        .withValue("pekko.discovery.config.services.telemetry.endpoints", ConfigValueFactory.fromIterable(endpoints))
        // Every node here has its own management port: keep contact points on other ports.
        .withValue("pekko.management.cluster.bootstrap.contact-point.filter-on-fallback-port",
            ConfigValueFactory.fromAnyRef(false));
  }

  private void awaitReady(List<LocalNode> nodes) {
    for (LocalNode node : nodes) {
      try {
        node.awaitReady(startTimeout);
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }
  }

  /** How to build a {@link LocalCluster}; everything but the folder has a default. */
  public static final class Builder {
    private final Path workDir;
    private Config settings = ConfigFactory.empty();
    private final List<String> jvmOptions = new ArrayList<>(
        List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    private Duration startTimeout = Duration.ofSeconds(120);
    private Duration stopTimeout = Duration.ofSeconds(60);
    private boolean distinctAddresses = true;
    private boolean bootstrap;

    private Builder(Path workDir) {
      this.workDir = Objects.requireNonNull(workDir).toAbsolutePath();
    }

    /** Settings for every node (targets, Kafka, known hosts, timings); node-specific ones are added. */
    public Builder settings(Config clusterWide) {
      this.settings = Objects.requireNonNull(clusterWide);
      return this;
    }

    /** Replaces the node JVMs' options (default: 384 MB heap, serial GC, C1 only). */
    public Builder jvmOptions(List<String> options) {
      jvmOptions.clear();
      jvmOptions.addAll(options);
      return this;
    }

    /** How long a node may take to become ready (default 120 s). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** How long a graceful stop may take before the node is killed (default 60 s). */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** Every node on 127.0.0.1 instead of 127.0.0.N (for systems where only 127.0.0.1 is bound). */
    public Builder sameAddress() {
      this.distinctAddresses = false;
      return this;
    }

    /**
     * Nodes find each other with Pekko Management Cluster Bootstrap and config discovery (the
     * running nodes' management endpoints) instead of seed nodes.
     */
    public Builder bootstrap() {
      this.bootstrap = true;
      return this;
    }

    public LocalCluster build() {
      return new LocalCluster(this);
    }
  }
}
