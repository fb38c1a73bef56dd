package io.telemetry.host.cluster;

import io.telemetry.device.DeviceActor;
import io.telemetry.host.cluster.ClusterStatusAssembly.MemberState;
import io.telemetry.host.cluster.ClusterStatusAssembly.RegionCounts;
import io.telemetry.host.cluster.ClusterStatusAssembly.ShardStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Asks this node for the cluster's state: membership and reachability (local view), device
 * shards and entities per region (GetClusterShardingStats, bounded by a timeout) and node ids
 * ({@link NodeIdDirectory}). A sharding query that fails or times out still yields the members.
 */
public final class ClusterStatusQuery {

  private final ActorSystem<?> system;
  private final NodeIdDirectory nodeIds;
  private final Duration timeout;

  public ClusterStatusQuery(ActorSystem<?> system, NodeIdDirectory nodeIds, Duration timeout) {
    this.system = system;
    this.nodeIds = nodeIds;
    this.timeout = timeout;
  }

  public CompletionStage<ClusterStatus> current() {
    CompletionStage<ShardStats> shards = shardStats();
    CompletionStage<Map<String, String>> ids = nodeIds.lookup(timeout).exceptionally(e -> Map.of());
    return shards.thenCombine(ids, this::assemble);
  }

  private ClusterStatus assemble(ShardStats shards, Map<String, String> ids) {
    Cluster cluster = Cluster.get(system);
    CurrentClusterState state = cluster.state();
    Set<Address> unreachable = new HashSet<>();
    state.getUnreachable().forEach(m -> unreachable.add(m.address()));
    List<MemberState> members = StreamSupport.stream(state.getMembers().spliterator(), false)
        .map(m -> memberState(m, unreachable))
        .toList();
    Address leader = state.getLeader();
    return ClusterStatusAssembly.assemble(cluster.selfMember().address().toString(),
        leader == null ? null : leader.toString(), DeviceActor.ENTITY_TYPE.name(), members, shards, ids);
  }

  private static MemberState memberState(Member m, Set<Address> unreachable) {
    return new MemberState(m.address().toString(), Set.copyOf(m.getRoles()), m.status().toString(),
        !unreachable.contains(m.address()));
  }

  private CompletionStage<ShardStats> shardStats() {
    CompletionStage<ShardRegion.ClusterShardingStats> asked = AskPattern.ask(
        ClusterSharding.get(system).shardState(),
        replyTo -> new GetClusterShardingStats(DeviceActor.ENTITY_TYPE, timeout, replyTo),
        timeout.plusSeconds(1), system.scheduler());
    return asked.handle((stats, failure) -> failure == null
        ? new ShardStats(byAddress(stats), null)
        : ShardStats.failed("sharding statistics for entity type '" + DeviceActor.ENTITY_TYPE.name()
            + "' did not arrive within " + timeout + ": " + rootCause(failure)));
  }

  private Map<String, RegionCounts> byAddress(ShardRegion.ClusterShardingStats stats) {
    Address self = Cluster.get(system).selfMember().address();
    Map<String, RegionCounts> byAddress = new HashMap<>();
    stats.getRegions().forEach((address, region) -> {
      // The local region may be reported under the local-only address (no host, no port).
      Address member = address.hasLocalScope() ? self : address;
      int devices = region.getStats().values().stream().mapToInt(n -> ((Number) n).intValue()).sum();
      byAddress.put(member.toString(),
          new RegionCounts(region.getStats().size(), devices, List.copyOf(region.getFailed())));
    });
    return byAddress;
  }

  private static String rootCause(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause.toString();
  }
}
