package io.telemetry.device;

import io.telemetry.inventory.TargetLookup;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * Keeps every configured target's entity running: at start and then periodically it sends each
 * one an {@link DeviceActor.EnsureRunning} through sharding. Sharding starts an entity where its
 * shard lives, so after a node loss or a rebalance the entities come back within one period,
 * without waiting for any other traffic.
 */
public final class DeviceFleetKeeper {

  public sealed interface Command {}

  private record Tick() implements Command {}

  private DeviceFleetKeeper() {}

  public static Behavior<Command> create(TargetLookup targets,
      ActorRef<ShardingEnvelope<DeviceActor.Command>> shardRegion, Duration period) {
    return Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Tick(), Duration.ZERO, period);
      return Behaviors.receive(Command.class)
          .onMessage(Tick.class, tick -> {
            targets.all().forEach(t ->
                shardRegion.tell(new ShardingEnvelope<>(t.id(), new DeviceActor.EnsureRunning())));
            return Behaviors.same();
          })
          .build();
    });
  }
}
