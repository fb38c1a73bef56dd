package io.telemetry.device;

import io.telemetry.inventory.TargetLookup;
import java.time.Duration;
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
 * it also pings every {@link #BURST_PERIOD} for {@link #BURST_LENGTH} after every membership
 * change, when shards of a removed node are reallocated, instead of waiting for the next period.
 */
public final class DeviceFleetKeeper {

  public sealed interface Command {}

  private record Tick() implements Command {}

  private record MembershipChanged() implements Command {}

  private record BurstTick() implements Command {}

  /**
   * After a membership change: pings this often, for this long. Sharding learns of a removed region
   * a little after the member event (a ping routed to the removed node meanwhile is lost); the
   * burst restarts the devices as soon as their shards have a new home.
   */
  static final Duration BURST_PERIOD = Duration.ofMillis(500);
  static final Duration BURST_LENGTH = Duration.ofSeconds(6);

  private DeviceFleetKeeper() {}

  private static void ping(TargetLookup targets, ActorRef<ShardingEnvelope<DeviceActor.Command>> shardRegion) {
    targets.all().forEach(t -> shardRegion.tell(new ShardingEnvelope<>(t.id(), new DeviceActor.EnsureRunning())));
  }

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
      long[] burstUntil = {0}; // confined to this actor
      return Behaviors.receive(Command.class)
          .onMessage(Tick.class, tick -> {
            ping(targets, shardRegion);
            return Behaviors.same();
          })
          .onMessage(MembershipChanged.class, changed -> {
            burstUntil[0] = System.nanoTime() + BURST_LENGTH.toNanos();
            if (!timers.isTimerActive("burst")) {
              timers.startTimerWithFixedDelay("burst", new BurstTick(), BURST_PERIOD);
            }
            return Behaviors.same();
          })
          .onMessage(BurstTick.class, tick -> {
            ping(targets, shardRegion);
            if (System.nanoTime() > burstUntil[0]) {
              timers.cancel("burst");
            }
            return Behaviors.same();
          })
          .build();
    }));
  }
}
