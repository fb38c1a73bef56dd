package io.telemetry.host;

import io.telemetry.host.cli.BenchCommand;
import io.telemetry.host.cli.ClusterCommand;
import io.telemetry.host.cli.ConfigCommand;
import io.telemetry.host.cli.CorrelateCommand;
import io.telemetry.host.cli.DemoCommand;
import io.telemetry.host.cli.EventsCommand;
import io.telemetry.host.cli.RunCommand;
import io.telemetry.host.cli.SimulateCommand;
import io.telemetry.host.cli.TargetsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code telemetry} executable. */
@Command(
    name = "telemetry",
    mixinStandardHelpOptions = true,
    version = "telemetry 0.1.0",
    description = "Clustered network-telemetry stream processor.",
    subcommands = {RunCommand.class, DemoCommand.class, SimulateCommand.class, BenchCommand.class,
        ClusterCommand.class, CorrelateCommand.class, EventsCommand.class, ConfigCommand.class,
        TargetsCommand.class})
public final class TelemetryCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line as main runs it (exit codes included), for tests that run commands in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new TelemetryCli()).setExecutionExceptionHandler(new ConfigErrorHandler());
  }
}
