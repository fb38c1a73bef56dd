package io.telemetry.host.cli;

import io.telemetry.host.cluster.ClusterStatus;
import io.telemetry.host.cluster.ManagementClient;
import io.telemetry.host.cluster.ManagementException;
import io.telemetry.host.cluster.MemberSelector;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry cluster leave NODE}: the member leaves gracefully (its shards are handed off,
 * its pipeline drains, its process ends). NODE is resolved through {@code GET /telemetry/cluster},
 * then Pekko's {@code PUT /cluster/members/{address}} with operation=Leave is sent to the same node.
 */
@Command(name = "leave", mixinStandardHelpOptions = true,
    description = "Make a member leave the cluster gracefully (shards handed off first).")
public final class ClusterLeaveCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NODE",
      description = "Node id (telemetry.node-id) or cluster address (pekko://telemetry@host:port, or host:port).")
  String node;

  @Mixin
  ManagementOption management;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    try {
      ManagementClient client = new ManagementClient(management.url);
      ClusterStatus status = client.clusterStatus();
      ClusterStatus.Member member = MemberSelector.select(status, node, client.base().toString());
      String answer = client.leave(member.address());
      spec.commandLine().getOut().println("asked " + member.address()
          + (member.nodeId() == null ? "" : " (" + member.nodeId() + ")") + " to leave: " + answer.strip());
      spec.commandLine().getOut().println("follow it with: telemetry cluster status --management <another node>");
      spec.commandLine().getOut().flush();
      return 0;
    } catch (ManagementException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("telemetry cluster leave " + node + ": " + e.getMessage());
      return 1;
    }
  }
}
