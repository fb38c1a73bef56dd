package io.telemetry.host.cli;

import com.typesafe.config.ConfigFactory;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.config.ConfigCheck;
import io.telemetry.host.node.TelemetryNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.CoordinatedShutdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code telemetry run --config FILE}: starts a node and runs until stopped. Exits 0 when the node
 * was stopped or left the cluster on purpose, and {@value #REMOVED_EXIT} when the cluster removed it
 * (downed by the split brain resolver, or no seed node answered), so that a service manager
 * restarting on failure (deploy/systemd/telemetry.service) starts it again.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start a node from a HOCON config file.")
public final class RunCommand implements Callable<Integer> {

  static final int REMOVED_EXIT = 3;

  private static final Set<CoordinatedShutdown.Reason> REMOVED = Set.of(
      CoordinatedShutdown.clusterDowningReason(), CoordinatedShutdown.clusterJoinUnsuccessfulReason());

  @Option(names = {"-c", "--config"}, required = true, description = "The node's HOCON file.")
  Path config;

  @Override
  public Integer call() throws Exception {
    ConfigCheck.requireValid(config, ConfigFactory.empty()); // every problem at once, before anything starts
    TelemetryNode node = TelemetryNode.start(TelemetryConfig.load(Optional.of(config)));
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "telemetry-shutdown"));
    node.system().getWhenTerminated().toCompletableFuture().join();
    Optional<CoordinatedShutdown.Reason> reason = CoordinatedShutdown.get(node.system()).getShutdownReason();
    if (reason.isPresent() && REMOVED.contains(reason.get())) {
      System.err.println("telemetry run: the cluster removed this node (" + reason.get() + "); exiting with "
          + REMOVED_EXIT + " so that it is restarted");
      return REMOVED_EXIT;
    }
    return 0;
  }
}
