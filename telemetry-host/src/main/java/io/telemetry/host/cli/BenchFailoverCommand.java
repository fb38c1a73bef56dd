package io.telemetry.host.cli;

import io.telemetry.host.config.ConfigCheck;
import io.telemetry.host.bench.failover.FailoverFigures;
import io.telemetry.host.bench.failover.FailoverReport;
import io.telemetry.host.bench.failover.FailoverRun;
import io.telemetry.host.bench.failover.FailoverSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code telemetry bench failover}: a cluster of node JVMs on loopback addresses, a simulated
 * fleet and the embedded broker; kill -9 of one node, then a graceful stop of one; failover time
 * and polls missed per device from the Kafka records. Exit status 0 when the targets were met,
 * 3 when one was missed.
 */
@Command(name = "failover", mixinStandardHelpOptions = true,
    description = "Cluster failover: node JVMs on loopback + simulated fleet + embedded Kafka; kill -9 one node,"
        + " then stop one gracefully; failover time and polls missed per device, from Kafka.")
public final class BenchFailoverCommand implements Callable<Integer> {

  @Option(names = "--nodes", defaultValue = "3", description = "Node JVMs (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--devices", defaultValue = "1000", description = "Simulated devices (default ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--interfaces", defaultValue = "8", description = "Interfaces per device (default ${DEFAULT-VALUE}).")
  int interfaces;

  @Option(names = "--interval", defaultValue = "10", description = "Poll interval in seconds (default ${DEFAULT-VALUE}).")
  int intervalSeconds;

  @Option(names = "--heartbeat-ms", defaultValue = "1000",
      description = "pekko.cluster.failure-detector.heartbeat-interval (default ${DEFAULT-VALUE}, Pekko's).")
  long heartbeatMillis;

  @Option(names = "--acceptable-pause-ms", defaultValue = "3000",
      description = "pekko.cluster.failure-detector.acceptable-heartbeat-pause (default ${DEFAULT-VALUE}, Pekko's).")
  long acceptablePauseMillis;

  @Option(names = "--stable-after-ms", defaultValue = "20000",
      description = "SBR stable-after (default ${DEFAULT-VALUE}, Telemetry's).")
  long stableAfterMillis;

  @Option(names = "--down-removal-margin-ms",
      description = "SBR down-removal-margin (default: off, i.e. stable-after, Telemetry's default).")
  Long removalMarginMillis;

  @Option(names = "--settle-timeout", defaultValue = "300",
      description = "Seconds the spread may take to settle before an event (default ${DEFAULT-VALUE}).")
  int settleSeconds;

  @Option(names = "--no-leave", description = "Skip the graceful-leave part.")
  boolean noLeave;

  @Option(names = "--no-kill", description = "Skip the kill -9 part (the leave then starts from the first settled spread).")
  boolean noKill;

  @Option(names = "--node-java-opts", defaultValue = "-Xmx768m -XX:+UseSerialGC",
      description = "JVM options of each node (default ${DEFAULT-VALUE}).")
  String nodeJavaOptions;

  @Option(names = "--simulator-java-opts", defaultValue = "-Xmx1g -XX:+UseParallelGC",
      description = "JVM options of the simulator (default ${DEFAULT-VALUE}).")
  String simulatorJavaOptions;

  @Option(names = "--json", description = "Also write the figures to this JSON file.")
  Path json;

  @Option(names = "--work-dir", defaultValue = ".telemetry/bench-failover",
      description = "Broker data, simulator and node folders, the log file (default ${DEFAULT-VALUE}).")
  Path workDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    FailoverSettings settings;
    try {
      settings = new FailoverSettings(nodes, devices, interfaces, Duration.ofSeconds(intervalSeconds),
          Duration.ofMillis(heartbeatMillis), Duration.ofMillis(acceptablePauseMillis),
          Duration.ofMillis(stableAfterMillis), removalMarginMillis == null ? null : Duration.ofMillis(removalMarginMillis),
          Duration.ofSeconds(settleSeconds), !noKill, !noLeave, workDir, words(nodeJavaOptions), words(simulatorJavaOptions));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    // The node config it generates, checked before anything starts (exit 2 on a problem); the files
    // it names are the run's own, written as it starts. Each node also checks its whole node.conf.
    ConfigCheck.requireValid(Optional.empty(), FailoverRun.plannedClusterSettings(settings), "bench failover node config",
        new ConfigCheck.Options(false));
    Files.createDirectories(workDir);
    Path log = workDir.resolve("telemetry.log").toAbsolutePath();
    LogFile.redirectTo(log);
    System.out.printf("telemetry bench failover: %d nodes, %d devices x %d interfaces every %ds; log: %s%n",
        nodes, devices, interfaces, intervalSeconds, log);
    String command = "telemetry " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    FailoverFigures figures = new FailoverRun(settings, command, System.out).run();
    System.out.println();
    FailoverReport.text(figures).forEach(System.out::println);
    if (json != null) {
      FailoverReport.writeJson(figures, json);
      System.out.println("figures written to " + json.toAbsolutePath());
    }
    return figures.verdict().passed() ? 0 : BenchCommand.TARGET_MISSED;
  }

  private static List<String> words(String options) {
    return options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
  }
}
