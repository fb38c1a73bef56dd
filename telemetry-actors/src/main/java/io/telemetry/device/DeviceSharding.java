package io.telemetry.device;

import io.telemetry.cluster.WeightedAllocationStrategy;
import io.telemetry.cluster.WeightedShards;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityContext;
import com.typesafe.config.Config;

/**
 * Registers the "device" entity type with cluster sharding: a shard region on nodes with the
 * {@value #COLLECTOR_ROLE} role, a proxy on the others. Targets go to shards by the node's latest
 * placement ({@link WeightedShards}, which a run-time inventory replaces as targets come and go)
 * and shards to collectors by weight ({@link WeightedAllocationStrategy}).
 */
public final class DeviceSharding {

  /** The cluster role of nodes that poll devices. */
  public static final String COLLECTOR_ROLE = "collector";

  private DeviceSharding() {}

  /**
   * A sharding proxy for the "device" entity type, for nodes without the {@value #COLLECTOR_ROLE}
   * role: routes to the devices and answers sharding statistics, never hosts an entity.
   */
  public static ActorRef<ShardingEnvelope<DeviceActor.Command>> initProxy(ActorSystem<?> system,
      Supplier<WeightedShards> shards) {
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
    return init(system, env, () -> shards);
  }

  /** @param shards the latest placement, read for every message and entity start */
  public static ActorRef<ShardingEnvelope<DeviceActor.Command>> init(ActorSystem<?> system, DeviceEnvironment env,
      Supplier<WeightedShards> shards) {
    Config limits = system.settings().config().getConfig("pekko.cluster.sharding.least-shard-allocation-strategy");
    WeightedAllocationStrategy allocation = new WeightedAllocationStrategy(shards,
        limits.getInt("rebalance-absolute-limit"), limits.getDouble("rebalance-relative-limit"));
    return ClusterSharding.get(system).init(
        Entity.of(DeviceActor.ENTITY_TYPE, ctx -> Behaviors.<DeviceActor.Command>setup(context -> {
              // An entity's parent is its shard, named by the (URL-encoded) shard id.
              String shard = URLDecoder.decode(context.getSelf().path().parent().name(), StandardCharsets.UTF_8);
              String expected = shards.get().shardId(ctx.getEntityId());
              if (!shard.equals(expected)) {
                // Nodes disagree on the target list (a config change half rolled out): the same
                // target could run in two shards. Run only where this node's table puts it.
                context.getLog().warn("device {}: started in shard {} but node {} places it in shard {}; "
                    + "the nodes' target lists differ, so it does not run here", ctx.getEntityId(), shard,
                    env.nodeId(), expected);
                return Behaviors.stopped();
              }
              context.getSystem().eventStream().tell(
                  new EventStream.Subscribe<>(DeviceActor.Reload.class, context.getSelf().<DeviceActor.Reload>narrow()));
              return Behaviors.intercept(() -> new ReloadByPassivation(ctx), DeviceActor.create(ctx.getEntityId(), env));
            }))
            .withMessageExtractor(new DeviceShardExtractor(shards))
            .withAllocationStrategy(allocation)
            .withRole(COLLECTOR_ROLE)
            .withStopMessage(new DeviceActor.HandOff()));
  }

  /**
   * Restarts the entity when its target changed: it asks its shard to passivate it, the shard sends
   * it {@link DeviceActor.HandOff} and the entity stops, closing its sessions. A changed target
   * passes its readings on to its own id, which the shard buffers and then starts the entity with,
   * now reading the new target; a removed target drops its readings and is not started again.
   */
  private static final class ReloadByPassivation extends BehaviorInterceptor<DeviceActor.Command, DeviceActor.Command> {

    private final EntityContext<DeviceActor.Command> entity;

    ReloadByPassivation(EntityContext<DeviceActor.Command> entity) {
      super(DeviceActor.Command.class);
      this.entity = entity;
    }

    @Override
    public Behavior<DeviceActor.Command> aroundReceive(TypedActorContext<DeviceActor.Command> ctx,
        DeviceActor.Command msg, ReceiveTarget<DeviceActor.Command> target) {
      if (msg instanceof DeviceActor.Reload reload) {
        if (reload.targetIds().contains(entity.getEntityId())) {
          ctx.asJava().getLog().info("device {}: its target changed; restarting with the new settings",
              entity.getEntityId());
          entity.getShard().tell(new ClusterSharding.Passivate<>(ctx.asJava().getSelf()));
        }
        return Behaviors.same();
      }
      return target.apply(ctx, msg);
    }
  }
}
