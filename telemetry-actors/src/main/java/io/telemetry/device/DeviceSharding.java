package io.telemetry.device;

import io.telemetry.cluster.WeightedAllocationStrategy;
import io.telemetry.cluster.WeightedShards;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import com.typesafe.config.Config;

/**
 * Registers the "device" entity type with cluster sharding: a shard region on nodes with the
 * {@value #COLLECTOR_ROLE} role, a proxy on the others. Targets go to shards by weight
 * ({@link WeightedShards}) and shards to collectors by weight ({@link WeightedAllocationStrategy}).
 */
public final class DeviceSharding {

  /** The cluster role of nodes that poll devices. */
  public static final String COLLECTOR_ROLE = "collector";

  private DeviceSharding() {}

  /**
   * A sharding proxy for the "device" entity type, for nodes without the {@value #COLLECTOR_ROLE}
   * role: routes to the devices and answers sharding statistics, never hosts an entity.
   */
  public static ActorRef<ShardingEnvelope<DeviceActor.Command>> initProxy(ActorSystem<?> system, WeightedShards shards) {
    return ClusterSharding.get(system).init(
        Entity.of(DeviceActor.ENTITY_TYPE, ctx -> Behaviors.<DeviceActor.Command>setup(context -> {
              // Unreachable: sharding only creates entities on nodes with the entity's role.
              context.getLog().error("device {}: this node has no {} role and hosts no devices",
                  ctx.getEntityId(), COLLECTOR_ROLE);
              return Behaviors.stopped();
            }))
            .withMessageExtractor(new DeviceShardExtractor(shards))
            .withRole(COLLECTOR_ROLE)
            .withStopMessage(new DeviceActor.HandOff()));
  }

  public static ActorRef<ShardingEnvelope<DeviceActor.Command>> init(ActorSystem<?> system, DeviceEnvironment env,
      WeightedShards shards) {
    Config limits = system.settings().config().getConfig("pekko.cluster.sharding.least-shard-allocation-strategy");
    WeightedAllocationStrategy allocation = new WeightedAllocationStrategy(shards,
        limits.getInt("rebalance-absolute-limit"), limits.getDouble("rebalance-relative-limit"));
    return ClusterSharding.get(system).init(
        Entity.of(DeviceActor.ENTITY_TYPE, ctx -> Behaviors.<DeviceActor.Command>setup(context -> {
              // An entity's parent is its shard, named by the (URL-encoded) shard id.
              String shard = URLDecoder.decode(context.getSelf().path().parent().name(), StandardCharsets.UTF_8);
              String expected = shards.shardId(ctx.getEntityId());
              if (!shard.equals(expected)) {
                // Nodes disagree on the target list (a config change half rolled out): the same
                // target could run in two shards. Run only where this node's table puts it.
                context.getLog().warn("device {}: started in shard {} but node {} places it in shard {}; "
                    + "the nodes' target lists differ, so it does not run here", ctx.getEntityId(), shard,
                    env.nodeId(), expected);
                return Behaviors.stopped();
              }
              return DeviceActor.create(ctx.getEntityId(), env);
            }))
            .withMessageExtractor(new DeviceShardExtractor(shards))
            .withAllocationStrategy(allocation)
            .withRole(COLLECTOR_ROLE)
            .withStopMessage(new DeviceActor.HandOff()));
  }
}
