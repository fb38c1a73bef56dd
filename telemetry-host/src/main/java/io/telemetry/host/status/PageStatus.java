package io.telemetry.host.status;

import io.telemetry.host.cluster.ClusterStatus;
import java.util.List;

/**
 * What {@code GET /telemetry/status} answers (docs/status-page.md): the cluster as the answering
 * node sees it, and what every node reported about itself.
 *
 * @param self     the answering node's address
 * @param nodeId   the answering node's id
 * @param at       when the answer was assembled
 * @param refreshMillis how often the page asks again
 * @param cluster  members, roles, shards and devices per member ({@code GET /telemetry/cluster})
 * @param nodes    one entry per node that answered: id, address, device count, sinks
 * @param devices  every device of every node that answered, by id
 * @param events   the latest correlated events read by the answering node, newest first
 * @param problems nodes or devices that did not answer, and why
 */
public record PageStatus(String self, String nodeId, String at, long refreshMillis, ClusterStatus cluster,
    List<Node> nodes, List<LocalStatus.Device> devices, List<LocalStatus.Event> events, List<String> problems) {

  /** One node's part. */
  public record Node(String nodeId, String address, String at, int devices, List<LocalStatus.Sink> sinks) {}
}
