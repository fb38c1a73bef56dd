package io.telemetry.device;

import io.telemetry.inventory.TargetLookup;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Keeps every configured target's entity running: at start and then periodically it sends each
 * one an {@link DeviceActor.EnsureRunning} through sharding. Sharding starts an entity where its
 * shard lives, so after a node loss or a rebalance the entities come back without waiting for any
 * other traffic.
 *
 * <p>Every collector node runs one (see docs/cluster.md, "The fleet keeper"): the pings are
 * idempotent, and no keeper has to fail over before the devices of a dead node can. In a cluster
 * it also pings shortly after every membership change, when shards of a removed node are
 * reallocated, instead of waiting for the next period.
 */
public final class DeviceFleetKeeper {

  public sealed interface Command {}

  private record Tick() implements Command {}

  private record MembershipChanged() implements Command {}

  /**
   * After a membership change: pings at these delays. Sharding learns of a removed region a little
   * after the member event; a ping that reaches a shard still mapped to the removed node is lost,
   * so the later ones cover it.
   */
  static final List<Duration> AFTER_CHANGE = List.of(Duration.ofMillis(300), Duration.ofMillis(1200),
      Duration.ofMillis(3000));

  private DeviceFleetKeeper() {}

  /** A keeper that pings every {@code period} only. */
  public static Behavior<Command> create(TargetLookup targets,
      ActorRef<ShardingEnvelope<DeviceActor.Command>> shardRegion, Duration period) {
    return behavior(targets, shardRegion, period, false);
  }

  /** A keeper that also pings after every cluster membership change. */
  public static Behavior<Command> createInCluster(TargetLookup targets,
      ActorRef<ShardingEnvelope<DeviceActor.Command>> shardRegion, Duration period) {
    return behavior(targets, shardRegion, period, true);
  }

  private static Behavior<Command> behavior(TargetLookup targets,
      ActorRef<ShardingEnvelope<DeviceActor.Command>> shardRegion, Duration period, boolean watchMembers) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      if (watchMembers) {
        Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
            context.messageAdapter(ClusterEvent.MemberEvent.class, event -> new MembershipChanged()),
            ClusterEvent.MemberEvent.class));
      }
      timers.startTimerWithFixedDelay("period", new Tick(), Duration.ZERO, period);
      return Behaviors.receive(Command.class)
          .onMessage(Tick.class, tick -> {
            targets.all().forEach(t ->
                shardRegion.tell(new ShardingEnvelope<>(t.id(), new DeviceActor.EnsureRunning())));
            return Behaviors.same();
          })
          .onMessage(MembershipChanged.class, changed -> {
            for (int i = 0; i < AFTER_CHANGE.size(); i++) {
              timers.startSingleTimer("after-change-" + i, new Tick(), AFTER_CHANGE.get(i));
            }
            return Behaviors.same();
          })
          .build();
    }));
  }
}
