package io.telemetry.host.cli;

import io.telemetry.host.bench.inventory.InventoryBenchRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code telemetry bench inventory}: one inventory refresh at N resources, stage by stage (load,
 * select, diff, target table, refresher end to end), in this JVM. Prints figures; judges nothing
 * (the figures and the verdict are recorded in docs/benchmarks.md).
 */
@Command(name = "inventory", mixinStandardHelpOptions = true,
    description = "Inventory selection at scale, in this JVM: a generated inventory file and policies; per round"
        + " (after ~1%% churn) the file source's load, the policies' selection, the diff, the target table's build and"
        + " encoding, and the refresher's whole refresh; min/median/max per stage and share of the refresh interval.")
public final class BenchInventoryCommand implements Callable<Integer> {

  @Option(names = "--resources", defaultValue = "10000", description = "Resources in the inventory (default ${DEFAULT-VALUE}).")
  int resources;

  @Option(names = "--policies", defaultValue = "20",
      description = "Policies, the catch-all (last) included (default ${DEFAULT-VALUE}).")
  int policies;

  @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--warmup-rounds", defaultValue = "3",
      description = "Rounds run first and left out of the figures (JIT warm-up; default ${DEFAULT-VALUE}).")
  int warmupRounds;

  @Option(names = "--format", defaultValue = "ndjson",
      description = "Inventory file format: ndjson, csv or json (a JSON array) (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated inventory (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Also write the figures to this JSON file.")
  Path json;

  @Option(names = "--work-dir", defaultValue = ".telemetry/bench-inventory",
      description = "The generated inventory and policies, the log file (default ${DEFAULT-VALUE}).")
  Path workDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    InventoryBenchRun.Settings settings;
    try {
      settings = new InventoryBenchRun.Settings(resources, policies, rounds, warmupRounds, format(),
          workDir, seed, Duration.ofMinutes(5));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Files.createDirectories(workDir);
    Path log = workDir.resolve("telemetry.log").toAbsolutePath();
    LogFile.redirectTo(log);
    System.out.println("telemetry bench inventory; log: " + log);
    // originalArgs are the whole command line, "bench inventory" included.
    String command = "telemetry " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    InventoryBenchRun.Figures figures = new InventoryBenchRun(settings, command, System.out).run();
    System.out.println();
    InventoryBenchRun.text(figures).forEach(System.out::println);
    if (json != null) {
      InventoryBenchRun.writeJson(figures, json);
      System.out.println("figures written to " + json.toAbsolutePath());
    }
    return 0;
  }

  private InventoryBenchRun.Format format() {
    try {
      return InventoryBenchRun.Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format: '" + format + "' is not one of ndjson, csv, json", e);
    }
  }
}
