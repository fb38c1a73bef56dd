package io.telemetry.host.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a {@link ClusterStatus} together from the membership, the sharding statistics and the
 * node-id directory. Pure: the Pekko queries live in {@link ClusterStatusQuery}.
 */
public final class ClusterStatusAssembly {

  /** Pekko gives every member a "dc-NAME" role; it says nothing about what the node runs. */
  private static final String DATA_CENTER_ROLE_PREFIX = "dc-";

  /** One member as the membership state shows it. */
  public record MemberState(String address, Set<String> roles, String status, boolean reachable) {}

  /** What one shard region reported: its shards, their entities, and shards that did not answer. */
  public record RegionCounts(int shards, int devices, List<String> failedShards) {}

  /**
   * Sharding statistics per member address, or why they are missing.
   *
   * @param byAddress regions by member address; a member without an entry hosts no region
   * @param error null when the statistics arrived
   */
  public record ShardStats(Map<String, RegionCounts> byAddress, String error) {

    public static ShardStats failed(String error) {
      return new ShardStats(Map.of(), error);
    }
  }

  private ClusterStatusAssembly() {}

  public static ClusterStatus assemble(String self, String leader, String entityType, List<MemberState> members,
      ShardStats stats, Map<String, String> nodeIds) {
    List<ClusterStatus.Member> views = members.stream()
        .sorted(Comparator.comparing(MemberState::address))
        .map(m -> view(m, stats, nodeIds))
        .toList();
    return new ClusterStatus(self, leader, entityType, stats.error(), views);
  }

  private static ClusterStatus.Member view(MemberState m, ShardStats stats, Map<String, String> nodeIds) {
    List<String> roles = m.roles().stream().filter(r -> !r.startsWith(DATA_CENTER_ROLE_PREFIX)).sorted().toList();
    RegionCounts region = stats.error() == null ? stats.byAddress().get(m.address()) : null;
    return new ClusterStatus.Member(m.address(), nodeIds.get(m.address()), roles, m.status(), m.reachable(),
        region == null ? null : region.shards(),
        region == null ? null : region.devices(),
        region == null ? List.of() : region.failedShards().stream().sorted().toList());
  }
}
