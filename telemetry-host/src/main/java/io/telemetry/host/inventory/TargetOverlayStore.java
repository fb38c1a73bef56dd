package io.telemetry.host.inventory;

import io.telemetry.inventory.cluster.InventoryKeys;
import io.telemetry.inventory.cluster.OverlayEntry;
import io.telemetry.inventory.cluster.TargetTable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * What the management routes read and write in Distributed Data: the published target table
 * (read from the local replica) and the run-time overlay (written to a majority, else locally;
 * the coordinator follows it and publishes the next table).
 */
final class TargetOverlayStore {

  private final ActorSystem<?> system;
  private final ActorRef<Replicator.Command> replicator;
  private final SelfUniqueAddress self;
  private final Duration timeout;

  TargetOverlayStore(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.replicator = DistributedData.get(system).replicator();
    this.self = DistributedData.get(system).selfUniqueAddress();
    this.timeout = timeout;
  }

  CompletionStage<TargetTable> table() {
    CompletionStage<Replicator.GetResponse<LWWRegister<TargetTable>>> reply = AskPattern.ask(replicator,
        replyTo -> new Replicator.Get<>(InventoryKeys.TABLE, Replicator.readLocal(), replyTo), timeout.plusSeconds(1),
        system.scheduler());
    return reply.thenApply(response -> response instanceof Replicator.GetSuccess<LWWRegister<TargetTable>> found
        ? found.get(InventoryKeys.TABLE).getValue() : TargetTable.EMPTY);
  }

  /** The run-time changes by target id, as this node's replica has them (empty before the first). */
  CompletionStage<Map<String, OverlayEntry>> overlay() {
    CompletionStage<Replicator.GetResponse<LWWMap<String, OverlayEntry>>> reply = AskPattern.ask(replicator,
        replyTo -> new Replicator.Get<>(InventoryKeys.OVERLAY, Replicator.readLocal(), replyTo), timeout.plusSeconds(1),
        system.scheduler());
    return reply.thenApply(response -> response instanceof Replicator.GetSuccess<LWWMap<String, OverlayEntry>> found
        ? Map.copyOf(found.get(InventoryKeys.OVERLAY).getEntries()) : Map.of());
  }

  /** Records the change; answers how far it got ("a majority of nodes" or "this node"). */
  CompletionStage<String> put(String id, OverlayEntry change) {
    CompletionStage<Replicator.UpdateResponse<LWWMap<String, OverlayEntry>>> reply = AskPattern.ask(replicator,
        replyTo -> new Replicator.Update<>(InventoryKeys.OVERLAY, LWWMap.empty(), new Replicator.WriteMajority(timeout),
            replyTo, map -> map.put(self, id, change)),
        timeout.plusSeconds(2), system.scheduler());
    return reply.thenApply(response -> {
      if (response instanceof Replicator.UpdateSuccess<?>) {
        return "a majority of nodes";
      }
      if (response instanceof Replicator.UpdateTimeout<?>) {
        return "this node (a majority did not confirm in time; gossip spreads it)";
      }
      throw new IllegalStateException("the run-time change of target \"" + id + "\" was not stored: " + response);
    });
  }
}
