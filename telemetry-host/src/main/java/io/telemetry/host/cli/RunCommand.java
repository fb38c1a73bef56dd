package io.telemetry.host.cli;

import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.node.TelemetryNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code telemetry run --config FILE}: starts a node and runs until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start a node from a HOCON config file.")
public final class RunCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, required = true, description = "The node's HOCON file.")
  Path config;

  @Override
  public Integer call() throws Exception {
    TelemetryNode node = TelemetryNode.start(TelemetryConfig.load(Optional.of(config)));
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "telemetry-shutdown"));
    node.system().getWhenTerminated().toCompletableFuture().join();
    return 0;
  }
}
