package io.telemetry.host.cli;

import io.telemetry.host.cluster.ClusterStatus;
import io.telemetry.host.cluster.ClusterStatusJson;
import io.telemetry.host.cluster.ClusterStatusTable;
import io.telemetry.host.cluster.ManagementClient;
import io.telemetry.host.cluster.ManagementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code telemetry cluster status}: members, roles, reachability, device shards and devices per node. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Members, roles, reachability, and device shards and devices per node.")
public final class ClusterStatusCommand implements Callable<Integer> {

  @Mixin
  ManagementOption management;

  @Option(names = "--json", description = "Print the JSON of GET /telemetry/cluster instead of a table.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    try {
      ClusterStatus status = new ManagementClient(management.url).clusterStatus();
      spec.commandLine().getOut().print(json ? ClusterStatusJson.write(status) + "\n" : ClusterStatusTable.render(status));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (ManagementException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("telemetry cluster status: " + e.getMessage());
      return 1;
    }
  }
}
