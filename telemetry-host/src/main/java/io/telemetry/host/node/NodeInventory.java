package io.telemetry.host.node;

import com.typesafe.config.Config;
import io.telemetry.cluster.TargetWeights;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.device.DeviceActor;
import io.telemetry.device.DeviceSharding;
import io.telemetry.device.RateStore;
import io.telemetry.inventory.DiscoverySettings;
import io.telemetry.inventory.InventorySettings;
import io.telemetry.inventory.Resource;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetPolicy;
import io.telemetry.inventory.cluster.InventoryCoordinator;
import io.telemetry.inventory.cluster.LiveTargets;
import io.telemetry.inventory.cluster.TargetTableListener;
import io.telemetry.inventory.discover.Discovery;
import io.telemetry.inventory.enrich.EnrichmentTags;
import io.telemetry.inventory.enrich.ExternalMaps;
import io.telemetry.inventory.enrich.SampleEnricher;
import io.telemetry.inventory.source.ResourceSource;
import io.telemetry.inventory.source.ResourceSources;
import io.telemetry.selfmetrics.DiscoveryMetricsSource;
import io.telemetry.selfmetrics.EnrichmentMapsMetricsSource;
import io.telemetry.selfmetrics.SelfMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import scala.concurrent.ExecutionContextExecutor;

/**
 * The node's part of the run-time inventory (docs/inventory.md): the targets it polls follow the
 * cluster's target table ({@link LiveTargets}); on collectors, the {@link InventoryCoordinator}
 * singleton writes that table; the enrichment stage follows the table's labels and the external maps.
 */
final class NodeInventory {

  private static final Duration MAPS_CHECK = Duration.ofMinutes(1);

  private final Config telemetry;
  private final InventorySettings settings;
  private final List<Target> configTargets;
  private final TargetPolicy policy;
  private final ResourceSource sources;
  private final int numberOfShards;
  private final LiveTargets live;
  private final SampleEnricher enricher = new SampleEnricher(EnrichmentTags.NONE);

  private NodeInventory(Config telemetry, List<Target> configTargets, CollectorRegistry registry) {
    this.telemetry = telemetry;
    this.settings = InventorySettings.fromConfig(telemetry);
    this.configTargets = configTargets;
    this.policy = TargetPolicy.load(telemetry, registry);
    this.sources = ResourceSources.fromConfig(telemetry.getConfig("inventory"), "telemetry.inventory");
    this.numberOfShards = telemetry.getInt("cluster.number-of-shards");
    this.live = new LiveTargets(numberOfShards);
  }

  /** Reads and checks the settings; nothing starts yet. */
  static NodeInventory prepare(Config telemetry, List<Target> configTargets, CollectorRegistry registry) {
    return new NodeInventory(telemetry, configTargets, registry);
  }

  /** What the device entities, the fleet keeper and the shard extractor read. */
  LiveTargets live() {
    return live;
  }

  /** The pipeline's enrichment stage. */
  SampleEnricher enricher() {
    return enricher;
  }

  void start(ActorSystem<?> system, boolean collector, ActorRef<ShardingEnvelope<DeviceActor.Command>> devices,
      SshConnector ssh, RateStore rates) {
    ExecutionContextExecutor blocking = system.dispatchers()
        .lookup(DispatcherSelector.fromConfig("telemetry-blocking-io-dispatcher"));
    system.systemActorOf(TargetTableListener.create(live, configTargets, policy, numberOfShards,
        collector ? Optional.of(devices) : Optional.empty(), enricher::targets), "target-table-listener", Props.empty());
    if (collector) {
      // The coordinator (wherever the singleton runs) probes; this node's figures are on its /metrics.
      Optional<Discovery> discovery = DiscoverySettings.load(telemetry, ssh, blocking);
      discovery.ifPresent(d -> SelfMetrics.get(system).register(new DiscoveryMetricsSource(d)));
      InventoryCoordinator.Settings coordinator = new InventoryCoordinator.Settings(sources, discovery, policy, settings.refreshInterval(), configResources(),
          TargetWeights.load(telemetry), numberOfShards, settings.writeTimeout(), rates);
      ClusterSingleton.get(system).init(SingletonActor.of(InventoryCoordinator.create(coordinator), "inventory-coordinator")
          .withSettings(ClusterSingletonSettings.create(system).withRole(DeviceSharding.COLLECTOR_ROLE)));
    }
    startMaps(system, blocking);
  }

  /** Reloads the external maps that are due, on the blocking dispatcher, and hands them to the enricher. */
  private void startMaps(ActorSystem<?> system, Executor blocking) {
    if (settings.hostgroups().isEmpty() && settings.asnNames().isEmpty()) {
      return;
    }
    ExternalMaps maps = new ExternalMaps(settings.hostgroups(), settings.asnNames(), settings.mapsRefresh(),
        settings.mapsTimeout(), Clock.systemUTC());
    SelfMetrics.get(system).register(new EnrichmentMapsMetricsSource(maps, Clock.systemUTC()));
    Duration check = settings.mapsRefresh().compareTo(MAPS_CHECK) < 0 ? settings.mapsRefresh() : MAPS_CHECK;
    system.scheduler().scheduleWithFixedDelay(Duration.ZERO, check, () -> enricher.maps(maps.refresh()),
        (ExecutionContextExecutor) blocking);
  }

  /** The telemetry.targets entries as the table lists them: id, host, port and labels (never credentials). */
  private List<Resource> configResources() {
    return configTargets.stream().map(t -> {
      Map<String, String> labels = new HashMap<>(t.labels());
      Resource.RESERVED.forEach(labels::remove);
      return new Resource(t.id(), t.host(), OptionalInt.of(t.port()), labels);
    }).toList();
  }
}
