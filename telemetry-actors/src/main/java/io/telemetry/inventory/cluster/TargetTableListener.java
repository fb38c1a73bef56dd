package io.telemetry.inventory.cluster;

import io.telemetry.device.DeviceActor;
import io.telemetry.inventory.InventoryDiff;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * Runs on every node: follows the replicated {@link TargetTable} and applies each new version
 * here. It builds the node's targets ({@link TableTargets}) into {@link LiveTargets}, hands them to
 * {@code onTargets} (the enrichment tags), tells the device entities on this node whose target
 * changed, left or moved shard to restart ({@link DeviceActor.Reload} on the event stream) and, on a
 * collector, starts the added ones at once rather than at the fleet keeper's next round.
 */
public final class TargetTableListener {

  public sealed interface Command {}

  private record TableChanged(TargetTable table) implements Command {}

  private TargetTableListener() {}

  /** @param devices the device shard region, on a collector; empty elsewhere */
  public static Behavior<Command> create(LiveTargets live, List<Target> configTargets, TargetPolicy policy,
      int numberOfShards, Optional<ActorRef<ShardingEnvelope<DeviceActor.Command>>> devices,
      Consumer<List<Target>> onTargets) {
    TableTargets builder = new TableTargets(configTargets, policy, numberOfShards);
    return Behaviors.setup(context -> {
      ActorRef<Replicator.SubscribeResponse<LWWRegister<TargetTable>>> adapter = context.messageAdapter(
          InventoryCoordinator.type(Replicator.SubscribeResponse.class),
          response -> new TableChanged(response instanceof Replicator.Changed<LWWRegister<TargetTable>> changed
              ? changed.get(InventoryKeys.TABLE).getValue() : TargetTable.EMPTY));
      DistributedData.get(context.getSystem()).replicator().tell(new Replicator.Subscribe<>(InventoryKeys.TABLE, adapter));
      Set<String> reported = new HashSet<>(); // confined to this actor: each build problem is logged once
      return Behaviors.receive(Command.class)
          .onMessage(TableChanged.class, changed -> {
            TargetTable table = changed.table();
            LiveTargets.Snapshot before = live.snapshot();
            if (table.version() <= before.table().version()) {
              return Behaviors.same();
            }
            LiveTargets.Snapshot after = builder.build(table, problem -> {
              if (reported.add(problem)) {
                context.getLog().warn("target table version {}: {}", table.version(), problem);
              }
            });
            live.replace(after);
            onTargets.accept(after.ordered());
            InventoryDiff diff = InventoryDiff.between(before.ordered(), after.ordered());
            Set<String> restart = new TreeSet<>();
            diff.removed().forEach(t -> restart.add(t.id()));
            diff.changed().forEach(c -> restart.add(c.after().id()));
            Map<String, String> shardNow = table.shards(); // by id: a scan per entry would be quadratic
            before.table().entries().forEach(old -> {
              String now = shardNow.get(old.id());
              if (now != null && !now.equals(old.shard())) {
                restart.add(old.id());
              }
            });
            context.getLog().info("target table version {}: {} targets here, {}", table.version(), after.ordered().size(),
                diff);
            if (!restart.isEmpty()) {
              context.getSystem().eventStream().tell(new EventStream.Publish<>(new DeviceActor.Reload(Set.copyOf(restart))));
            }
            devices.ifPresent(region -> diff.added().forEach(t ->
                region.tell(new ShardingEnvelope<>(t.id(), new DeviceActor.EnsureRunning()))));
            return Behaviors.same();
          })
          .build();
    });
  }
}
