package io.telemetry.host.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.ddata.DistributedData;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.Replicator;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.pattern.Patterns;

/**
 * Which {@code telemetry.node-id} runs at which cluster address, shared through Pekko Distributed
 * Data (an LWW map, written locally and gossiped to every node), so that any node can name every
 * member and {@code telemetry cluster leave NODE} can take a node id. A node that restarts on the
 * same address overwrites its entry; entries of addresses no longer in the cluster are never read.
 */
public final class NodeIdDirectory {

  static final Key<LWWMap<String, String>> KEY = LWWMapKey.create("telemetry-node-ids");

  private final ActorRef replicator;
  private final SelfUniqueAddress self;

  private NodeIdDirectory(ActorRef replicator, SelfUniqueAddress self) {
    this.replicator = replicator;
    this.self = self;
  }

  public static NodeIdDirectory of(ActorSystem system) {
    DistributedData ddata = DistributedData.get(system);
    return new NodeIdDirectory(ddata.replicator(), ddata.selfUniqueAddress());
  }

  /** Records this node's id under its address (fire and forget: gossip spreads it). */
  public void publish(String address, String nodeId) {
    replicator.tell(new Replicator.Update<>(KEY, LWWMap.<String, String>empty(), Replicator.writeLocal(),
        Optional.empty(), map -> map.put(self, address, nodeId)), ActorRef.noSender());
  }

  /** Node ids by address, as far as they have reached this node (empty before the first gossip). */
  @SuppressWarnings("unchecked")
  public CompletionStage<Map<String, String>> lookup(Duration timeout) {
    return Patterns.ask(replicator, new Replicator.Get<>(KEY, Replicator.readLocal()), timeout)
        .thenApply(reply -> reply instanceof Replicator.GetSuccess<?> found
            ? Map.copyOf(((Replicator.GetSuccess<LWWMap<String, String>>) found).dataValue().getEntries())
            : Map.of());
  }
}
