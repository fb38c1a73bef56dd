package io.telemetry.host.node;

import com.typesafe.config.Config;
import io.telemetry.cluster.ReplicatedRateStore;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.collect.ssh.SshDeviceSession;
import io.telemetry.device.DeviceActor;
import io.telemetry.device.DeviceEnvironment;
import io.telemetry.device.DeviceFleetKeeper;
import io.telemetry.device.DeviceSettings;
import io.telemetry.device.DeviceSharding;
import io.telemetry.host.cluster.ConfiguredNodeId;
import io.telemetry.host.inventory.OverlayDir;
import io.telemetry.host.logging.LogFormat;
import io.telemetry.host.metrics.NodeSelfMetrics;
import io.telemetry.host.status.NodeStatusPage;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetConfigLoader;
import io.telemetry.inventory.cluster.LiveTargets;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.SamplePipeline;
import io.telemetry.pipeline.SinkBranch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Telemetry node: the actor system joined to its cluster and, per role, the device shard
 * region, the fleet keeper and the pipeline into the sinks (collector) and the correlation rules
 * (correlator). Built from a resolved config.
 */
public final class TelemetryNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TelemetryNode.class);

  private final ActorSystem<Void> system;
  private final String nodeId;
  private final List<Target> targets;
  private final PipelineMetrics metrics;
  private final SamplePipeline pipeline;
  private final ActorRef<ShardingEnvelope<DeviceActor.Command>> devices;
  private final OverlayDir overlayDir;

  private TelemetryNode(ActorSystem<Void> system, String nodeId, List<Target> targets,
      PipelineMetrics metrics, SamplePipeline pipeline,
      ActorRef<ShardingEnvelope<DeviceActor.Command>> devices, OverlayDir overlayDir) {
    this.overlayDir = overlayDir;
    this.system = system;
    this.nodeId = nodeId;
    this.targets = targets;
    this.metrics = metrics;
    this.pipeline = pipeline;
    this.devices = devices;
  }

  /** Starts a node. Config errors are thrown before anything starts. */
  public static TelemetryNode start(Config nodeConfig) {
    ClusterSetup cluster = ClusterSetup.fromConfig(nodeConfig);
    Config config = cluster.apply(nodeConfig);
    Config telemetry = config.getConfig("telemetry");
    LogFormat.apply(telemetry); // observability (issue 8): telemetry.logging.format
    String nodeId = ConfiguredNodeId.of(config);
    // Validate everything before anything starts, so a config mistake is one clear error.
    CollectorRegistry registry = NodeCollectors.registry(telemetry);
    List<Target> targets = TargetConfigLoader.load(telemetry, registry);
    // --- run-time inventory (issue 7): the targets polled follow the cluster's target table ---
    NodeInventory inventory = NodeInventory.prepare(telemetry, targets, registry);
    DeviceSettings deviceSettings = DeviceSettings.fromConfig(telemetry.getConfig("device"));
    int entryCapacity = telemetry.getInt("pipeline.entry-capacity");
    OverlayDir.configured(telemetry); // its value; the folder itself is opened just before the actor system
    // --- roles (docs/cluster.md): the pipeline, sinks and SSH only on collectors ---
    NodeKafkaTopics kafkaTopics = cluster.collector() ? NodeKafkaTopics.prepare(telemetry, registry, targets) : null;
    List<SinkBranch> sinks = cluster.collector() ? NodeSinks.fromConfig(telemetry, nodeId, kafkaTopics.ready()) : List.of();
    SshConnector ssh = cluster.collector() ? SshConnector.fromConfig(config) : null;
    // --- end roles ---

    // Run-time target changes survive a restart of the whole cluster (docs/inventory.md): this
    // node's folder is locked before the actor system's durable store opens it.
    OverlayDir opened = null;
    ActorSystem<Void> system;
    try {
      opened = OverlayDir.open(telemetry, nodeId);
      system = ActorSystem.create(Behaviors.empty(), "telemetry", opened.pekkoSettings(config).withFallback(config));
    } catch (RuntimeException e) {
      if (opened != null) {
        opened.close();
      }
      if (ssh != null) {
        ssh.close();
      }
      throw e;
    }
    OverlayDir overlayDir = opened;
    system.getWhenTerminated().thenRun(overlayDir::close); // however the system ends (e.g. downed)
    log.info(overlayDir.folder().map(f -> "run-time target changes are stored in " + f)
        .orElse("run-time target changes are kept in memory only (" + OverlayDir.SETTING
            + " = off): a restart of the whole cluster loses them"));
    try {
      if (cluster.management()) {
        NodeManagement.start(system, cluster.bootstrap());
      }
      if (!cluster.bootstrap()) {
        joinCluster(system);
      }
      // --- roles (docs/cluster.md): collector = pipeline, device region, keeper; correlator = rules ---
      PipelineMetrics metrics = null;
      SamplePipeline pipeline = null;
      ActorRef<ShardingEnvelope<DeviceActor.Command>> region;
      LiveTargets lookup = inventory.live();
      ReplicatedRateStore rates = new ReplicatedRateStore(system, telemetry.getDuration("cluster.rate-restore-timeout"));
      if (cluster.collector()) {
        Executor blockingIo = system.dispatchers().lookup(DispatcherSelector.fromConfig("telemetry-blocking-io-dispatcher"));
        kafkaTopics.start(system, blockingIo); // telemetry.kafka.topics: the Kafka sink waits for it
        metrics = new PipelineMetrics();
        pipeline = SamplePipeline.start(system, entryCapacity, sinks, metrics, inventory.enricher());
        DeviceEnvironment env = new DeviceEnvironment(nodeId, lookup, registry, pipeline, metrics, blockingIo,
            deviceSettings, target -> new SshDeviceSession(ssh, target), rates);
        region = DeviceSharding.init(system, env, lookup);
        system.systemActorOf(DeviceFleetKeeper.createInCluster(lookup, region, deviceSettings.keepAliveInterval()),
            "device-fleet-keeper", Props.empty());

        // Leaving runs the phases in order: the shard region hands its shards off
        // (cluster-sharding-shutdown-region, devices stop and restart on other collectors), the node
        // leaves and exits the cluster, then the pipeline drains what the stopped devices handed it.
        SamplePipeline draining = pipeline;
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        shutdown.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "drain-pipeline", () -> {
          draining.complete();
          return draining.drained().thenApply(d -> Done.getInstance());
        });
        shutdown.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-ssh-client", () -> {
          ssh.close();
          return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
        });
      } else {
        // A proxy only: no entities here, but this node can still reach the devices and answer
        // sharding statistics (cluster status).
        region = DeviceSharding.initProxy(system, lookup);
      }
      inventory.start(system, cluster.collector(), region, ssh, rates);
      // Status page (issue 8): this node's reporter and event reader; served by StatusRoutes.
      NodeStatusPage.start(system, nodeId, metrics != null ? metrics : new PipelineMetrics(), config);
      // Observability (issue 8): GET /metrics sources and the optional telemetry_internal measurement.
      NodeSelfMetrics.start(system, telemetry, nodeId, metrics, pipeline, cluster.collector());
      if (cluster.correlator()) {
        CorrelatorRole.start(system, config, nodeId);
      }
      // --- end roles ---
      log.info("node {} started with {} targets, roles {}", nodeId, targets.size(), cluster.roles());
      return new TelemetryNode(system, nodeId, targets, metrics, pipeline, region, overlayDir);
    } catch (RuntimeException e) {
      system.terminate();
      if (ssh != null) {
        ssh.close();
      }
      throw e;
    }
  }

  private static void joinCluster(ActorSystem<?> system) {
    Cluster cluster = Cluster.get(system);
    if (system.settings().config().getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
  }

  public String nodeId() {
    return nodeId;
  }

  public List<Target> targets() {
    return targets;
  }

  /** The pipeline's counters; null on a node without the collector role. */
  public PipelineMetrics metrics() {
    return metrics;
  }

  /** The pipeline into the sinks; null on a node without the collector role. */
  public SamplePipeline pipeline() {
    return pipeline;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public ActorRef<ShardingEnvelope<DeviceActor.Command>> devices() {
    return devices;
  }

  /** Leaves the cluster and stops: devices close their sessions, queued batches drain. */
  @Override
  public void close() {
    try {
      CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason())
          .toCompletableFuture().get(60, TimeUnit.SECONDS);
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("node {} did not shut down cleanly within the deadline: {}", nodeId, e.toString());
    }
    if (system.getWhenTerminated().toCompletableFuture().isDone()) {
      overlayDir.close(); // at once, so that a node started next in this JVM finds the folder free
    }
  }

  public Duration uptime() {
    return Duration.ofMillis(system.uptime() * 1000);
  }
}
