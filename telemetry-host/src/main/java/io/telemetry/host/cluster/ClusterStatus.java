package io.telemetry.host.cluster;

import java.util.List;

/**
 * What {@code GET /telemetry/cluster} answers: the cluster as one node sees it, with the device
 * shards and entities each member hosts. Unknown values are null (a member that hosts no device
 * region, or sharding statistics that did not arrive in time: see {@link #shardStatsError}).
 *
 * @param self the address of the node that answered
 * @param leader the leader's address, or null while there is none
 * @param entityType the sharded entity type counted ("device")
 * @param shardStatsError why shards and devices are unknown, or null when they are known
 * @param members every member, in address order
 */
public record ClusterStatus(String self, String leader, String entityType, String shardStatsError,
    List<Member> members) {

  /**
   * One member.
   *
   * @param address its cluster address, e.g. {@code pekko://telemetry@10.0.0.1:25520}
   * @param nodeId its {@code telemetry.node-id}, or null while unknown
   * @param roles its roles (without Pekko's data-centre role)
   * @param status its membership status: Joining, Up, Leaving, Exiting, Down, Removed...
   * @param reachable false when a failure detector has marked it unreachable
   * @param shards device shards it hosts, or null when unknown
   * @param devices device entities running on it, or null when unknown
   * @param failedShards shards on it that did not answer the statistics query
   */
  public record Member(String address, String nodeId, List<String> roles, String status, boolean reachable,
      Integer shards, Integer devices, List<String> failedShards) {}

  /** The member at {@code address}, if any. */
  public java.util.Optional<Member> member(String address) {
    return members.stream().filter(m -> m.address().equals(address)).findFirst();
  }
}
