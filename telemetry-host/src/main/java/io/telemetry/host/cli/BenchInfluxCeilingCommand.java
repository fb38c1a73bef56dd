package io.telemetry.host.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.host.config.ConfigCheck;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.bench.influx.InfluxThroughputFigures;
import io.telemetry.host.bench.influx.InfluxThroughputReport;
import io.telemetry.host.bench.influx.InfluxThroughputRun;
import io.telemetry.host.bench.influx.InfluxThroughputSettings;
import io.telemetry.sink.influx.InfluxSinkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code telemetry bench influx-ceiling}: InfluxDB's own ceiling on this machine (pre-built line
 * protocol posted straight to an embedded influxd at several batch sizes and parallelisms) and the
 * InfluxDB sink at full speed on the same points, back to back. Exit status 0 when the sink
 * reached 80% of the ceiling and wrote every line, 3 otherwise.
 */
@Command(name = "influx-ceiling", mixinStandardHelpOptions = true,
    description = "InfluxDB's ceiling (pre-built batches posted straight to an embedded influxd) and the "
        + "InfluxDB sink at full speed on the same points.")
public final class BenchInfluxCeilingCommand implements Callable<Integer> {

  @Option(names = "--devices", defaultValue = "1000", description = "Devices per round (default ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--interfaces", defaultValue = "48", description = "Ports per device (default ${DEFAULT-VALUE}).")
  int interfaces;

  @Option(names = "--interval", defaultValue = "30",
      description = "Seconds between two polls of a device, in the points' times (default ${DEFAULT-VALUE}).")
  int intervalSeconds;

  @Option(names = "--warmup-rounds", defaultValue = "1",
      description = "Polls of every device written before the clock starts (default ${DEFAULT-VALUE}).")
  int warmupRounds;

  @Option(names = "--rounds", defaultValue = "3",
      description = "Polls of every device written while timed (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--batch-points", split = ",", defaultValue = "500,1000,2000,5000,10000",
      description = "Lines per request tried for the ceiling (default ${DEFAULT-VALUE}).")
  List<Integer> batchPoints;

  @Option(names = "--parallelism", split = ",", defaultValue = "2,4,8",
      description = "Requests in flight tried for the ceiling (default ${DEFAULT-VALUE}).")
  List<Integer> parallelisms;

  @Option(names = "--pairs", defaultValue = "5",
      description = "Runs of the best configuration and of the sink, in turns, after the sweep (default ${DEFAULT-VALUE}).")
  int pairs;

  @Option(names = {"-c", "--config"},
      description = "Node HOCON file: the sink's telemetry.influx settings and the pipeline's entry capacity.")
  Path config;

  @Option(names = "--sink-batch-points", description = "Override telemetry.influx.batch-points for the sink.")
  Integer sinkBatchPoints;

  @Option(names = "--sink-parallelism", description = "Override telemetry.influx.parallelism for the sink.")
  Integer sinkParallelism;

  @Option(names = "--sink-gzip", description = "Override telemetry.influx.gzip for the sink (true/false).")
  Boolean sinkGzip;

  @Option(names = "--json", description = "Also write the figures to this JSON file.")
  Path json;

  @Option(names = "--work-dir", defaultValue = ".telemetry/bench-influx",
      description = "The embedded InfluxDB's data and the log file (default ${DEFAULT-VALUE}).")
  Path workDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (config != null) {
      ConfigCheck.requireValid(config, com.typesafe.config.ConfigFactory.empty()); // before anything starts
    }
    InfluxThroughputSettings settings;
    try {
      Config telemetry = TelemetryConfig.load(Optional.ofNullable(config), overrides()).getConfig("telemetry");
      settings = new InfluxThroughputSettings(devices, interfaces, Duration.ofSeconds(intervalSeconds), warmupRounds,
          rounds, batchPoints, parallelisms, pairs, InfluxSinkSettings.fromConfig(telemetry.getConfig("influx")),
          telemetry.getInt("pipeline.entry-capacity"), workDir);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Files.createDirectories(workDir);
    Path log = workDir.resolve("telemetry.log").toAbsolutePath();
    LogFile.redirectTo(log);
    System.out.println("telemetry bench influx-ceiling; log: " + log);
    // originalArgs are the whole command line, "bench influx-ceiling" included.
    String command = "telemetry " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    InfluxThroughputFigures figures = new InfluxThroughputRun(settings, command, System.out).run();
    System.out.println();
    InfluxThroughputReport.text(figures).forEach(System.out::println);
    if (json != null) {
      InfluxThroughputReport.writeJson(figures, json);
      System.out.println("figures written to " + json.toAbsolutePath());
    }
    return figures.passed() ? 0 : BenchCommand.TARGET_MISSED;
  }

  private Config overrides() {
    Map<String, Object> o = new HashMap<>();
    // The url and database are replaced by the embedded server's; these keep validation happy.
    o.put("telemetry.influx.url", "http://127.0.0.1:8086");
    o.put("telemetry.influx.dialect", "v1");
    o.put("telemetry.influx.database", "sink");
    if (sinkBatchPoints != null) {
      o.put("telemetry.influx.batch-points", sinkBatchPoints);
    }
    if (sinkParallelism != null) {
      o.put("telemetry.influx.parallelism", sinkParallelism);
    }
    if (sinkGzip != null) {
      o.put("telemetry.influx.gzip", sinkGzip);
    }
    return ConfigFactory.parseMap(o);
  }
}
