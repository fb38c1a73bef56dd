package io.telemetry.host.cluster;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the member an operator means by NODE: a node id ({@code telemetry.node-id}) or a cluster
 * address, written in full ({@code pekko://telemetry@10.0.0.2:25520}), without the protocol
 * ({@code telemetry@10.0.0.2:25520}) or as {@code host:port}.
 */
public final class MemberSelector {

  private static final String PROTOCOL = "pekko://";

  private MemberSelector() {}

  /**
   * @param seenBy where the status came from, for the error message
   * @throws IllegalArgumentException when NODE names no member, or a node id that two members share
   */
  public static ClusterStatus.Member select(ClusterStatus status, String node, String seenBy) {
    List<ClusterStatus.Member> byId = status.members().stream().filter(m -> node.equals(m.nodeId())).toList();
    if (byId.size() == 1) {
      return byId.get(0);
    }
    if (byId.size() > 1) {
      throw new IllegalArgumentException("node id '" + node + "' is shared by " + byId.size() + " members ("
          + byId.stream().map(ClusterStatus.Member::address).collect(Collectors.joining(", "))
          + "); give the address instead");
    }
    return status.members().stream().filter(m -> addressMatches(m.address(), node)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no member '" + node + "' in the cluster seen by " + seenBy
            + "; members: " + describe(status.members())));
  }

  static boolean addressMatches(String address, String node) {
    if (address.equals(node)) {
      return true;
    }
    String withoutProtocol = address.startsWith(PROTOCOL) ? address.substring(PROTOCOL.length()) : address;
    if (withoutProtocol.equals(node)) {
      return true;
    }
    int at = withoutProtocol.indexOf('@');
    return at >= 0 && withoutProtocol.substring(at + 1).equals(node);
  }

  private static String describe(List<ClusterStatus.Member> members) {
    if (members.isEmpty()) {
      return "none";
    }
    return members.stream()
        .map(m -> m.nodeId() == null ? m.address() : m.nodeId() + " (" + m.address() + ")")
        .collect(Collectors.joining(", "));
  }
}
