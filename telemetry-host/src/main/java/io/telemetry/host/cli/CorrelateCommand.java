package io.telemetry.host.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.config.ConfigCheck;
import io.telemetry.correlation.runtime.CorrelationServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code telemetry correlate --rule NAME --config FILE} (or {@code --all}): runs rule instances of
 * {@code telemetry.correlation.rules} until Ctrl-C or SIGTERM, when coordinated shutdown drains
 * every stream and commits its last transaction before the process exits.
 */
@Command(name = "correlate", mixinStandardHelpOptions = true,
    description = "Run correlation rule instances (telemetry.correlation.rules) until stopped.")
public final class CorrelateCommand implements Callable<Integer> {

  static final int START_FAILED = 1;

  @Option(names = {"-c", "--config"}, required = true, description = "HOCON file with telemetry.correlation.")
  Path config;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--rule", description = "A rule instance name (repeatable).")
    List<String> rules;

    @Option(names = "--all", description = "Every enabled rule instance of the config.")
    boolean all;
  }

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    ConfigCheck.requireValid(config, ConfigFactory.empty()); // every problem at once, before anything starts
    Config loaded = TelemetryConfig.load(Optional.of(config));
    // Draining and committing the last transaction may take longer than the phase's default 5 s.
    Config systemConfig = ConfigFactory.parseString("pekko.coordinated-shutdown.phases.service-unbind.timeout = 60s")
        .withFallback(loaded);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "telemetry-correlate", systemConfig);
    CorrelationServices services;
    try {
      services = which.all
          ? CorrelationServices.startAll(system, loaded)
          : CorrelationServices.start(system, loaded, which.rules);
    } catch (IllegalStateException e) {
      spec.commandLine().getErr().println("correlate: " + e.getMessage());
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      return START_FAILED;
    } catch (RuntimeException e) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      throw e; // configuration errors: one line naming the setting, exit code 2
    }
    // Ctrl-C / SIGTERM run coordinated shutdown (JVM hook): drain and commit before the actors stop.
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-correlation",
        () -> services.stop().thenApply(done -> Done.getInstance()));
    system.getWhenTerminated().toCompletableFuture().join();
    return 0;
  }
}
