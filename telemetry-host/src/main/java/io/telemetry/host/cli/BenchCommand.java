package io.telemetry.host.cli;

import io.telemetry.host.config.ConfigCheck;
import io.telemetry.host.bench.BenchFigures;
import io.telemetry.host.bench.BenchReport;
import io.telemetry.host.bench.BenchRun;
import io.telemetry.host.bench.BenchSettings;
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
 * {@code telemetry bench}: the embedded broker, a simulated fleet in its own JVM and one node in
 * this JVM (with {@code --influx}, an embedded InfluxDB too), run for a while; then throughput, poll
 * durations, late polls, deferrals, each sink's counters, the node's heap and every process's CPU
 * time, measured after the warm-up. {@code bench influx-ceiling} measures InfluxDB alone. Exit status 0 when every target
 * was met, 3 when one was missed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark the whole stack: simulated fleet (own JVM) -> node (this JVM) -> embedded Kafka"
        + " (and, with --influx, an embedded InfluxDB).",
    subcommands = {BenchInfluxCeilingCommand.class, BenchFailoverCommand.class, BenchInventoryCommand.class})
public final class BenchCommand implements Callable<Integer> {

  static final int TARGET_MISSED = 3;

  @Option(names = "--devices", defaultValue = "100", description = "Simulated devices (default ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--interfaces", defaultValue = "48", description = "Interfaces per device (default ${DEFAULT-VALUE}).")
  int interfaces;

  @Option(names = "--interval", defaultValue = "30", description = "Poll interval in seconds (default ${DEFAULT-VALUE}).")
  int intervalSeconds;

  @Option(names = "--duration", defaultValue = "300",
      description = "Run time in seconds from the node's start, warm-up included (default ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--warmup",
      description = "Seconds at the start left out of the figures (default: two intervals, at least 20).")
  Integer warmupSeconds;

  @Option(names = "--json", description = "Also write the figures to this JSON file.")
  Path json;

  @Option(names = "--heap-target-mib", defaultValue = "1024",
      description = "Collector heap target checked against, MiB (default ${DEFAULT-VALUE}).")
  long heapTargetMib;

  @Option(names = "--simulator-java-opts", defaultValue = "-Xmx1g -XX:+UseParallelGC",
      description = "JVM options of the simulator's JVM (default ${DEFAULT-VALUE}).")
  String simulatorJavaOptions;

  @Option(names = {"-c", "--config"}, description = "Node HOCON file with extra settings (e.g. pipeline sizes).")
  Path config;

  @Option(names = "--progress", defaultValue = "10", description = "Seconds between progress lines (default ${DEFAULT-VALUE}).")
  int progressSeconds;

  @Option(names = "--influx",
      description = "Also run an embedded InfluxDB (Debian's influxd, scripts/install-influxdb.sh) and switch the "
          + "node's InfluxDB sink on; its settings come from --config or the defaults.")
  boolean influx;

  @Option(names = "--correlation",
      description = "Also run correlation rule instances (interface-flap, link-failure) in this JVM against the"
          + " fleet's records, with chaos on the fleet (flaps, link failures), and report per instance records/s"
          + " consumed and evaluated and the latency from sample to event published (p50/p99).")
  boolean correlation;

  @Option(names = "--chaos-period", defaultValue = "1s",
      description = "With --correlation: time between chaos incidents, a HOCON duration (default ${DEFAULT-VALUE}).")
  String chaosPeriod;

  @Option(names = "--work-dir", defaultValue = ".telemetry/bench",
      description = "Broker data, simulator files and the log file (default ${DEFAULT-VALUE}).")
  Path workDir;

  @Spec
  CommandSpec spec;

  /**
   * The --config file as {@code config check} checks it, then the node config the bench builds on
   * it (the stack's settings with placeholders for the addresses and ports the run picks; the
   * files it names are the run's own, written as it starts, so not checked there): e.g. a
   * {@code telemetry.influx} block that {@code --influx} switches on is checked too.
   */
  private void checkConfig(BenchSettings settings) {
    if (config != null) {
      ConfigCheck.requireValid(config, com.typesafe.config.ConfigFactory.empty());
    }
    ConfigCheck.requireValid(Optional.ofNullable(config), BenchRun.plannedNodeSettings(settings), "bench node config",
        new ConfigCheck.Options(false));
  }

  @Override
  public Integer call() throws Exception {
    Duration interval = Duration.ofSeconds(intervalSeconds);
    BenchSettings settings;
    try {
      settings = new BenchSettings(devices, interfaces, interval, Duration.ofSeconds(durationSeconds),
          warmupSeconds == null ? BenchSettings.defaultWarmup(interval) : Duration.ofSeconds(warmupSeconds),
          workDir, heapTargetMib * 1024 * 1024,
          simulatorJavaOptions.isBlank() ? List.of() : Arrays.asList(simulatorJavaOptions.trim().split("\\s+")),
          Optional.ofNullable(config), Duration.ofSeconds(Math.max(1, progressSeconds)), influx, correlation,
          DurationOption.parse(spec, "--chaos-period", chaosPeriod));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    checkConfig(settings); // before anything starts: exit 2 on a problem
    Files.createDirectories(workDir);
    Path log = workDir.resolve("telemetry.log").toAbsolutePath();
    LogFile.redirectTo(log);
    System.out.printf("telemetry bench: %d devices x %d interfaces every %ds, %ds (warm-up %ds); log: %s%n",
        devices, interfaces, intervalSeconds, durationSeconds, settings.warmup().toSeconds(), log);
    System.out.println("starting (progress every " + settings.progressEvery().toSeconds() + "s):");
    String command = "telemetry " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    BenchFigures figures = new BenchRun(settings, command, System.out).run();
    System.out.println();
    BenchReport.text(figures).forEach(System.out::println);
    if (json != null) {
      BenchReport.writeJson(figures, json);
      System.out.println("figures written to " + json.toAbsolutePath());
    }
    return figures.passed() ? 0 : TARGET_MISSED;
  }
}
