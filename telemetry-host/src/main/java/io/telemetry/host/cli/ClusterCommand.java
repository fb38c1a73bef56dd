package io.telemetry.host.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code telemetry cluster status|leave}: operate a running cluster through a node's management HTTP. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Inspect or change a running cluster through a node's management HTTP endpoint.",
    subcommands = {ClusterStatusCommand.class, ClusterLeaveCommand.class})
public final class ClusterCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: status or leave");
  }
}
