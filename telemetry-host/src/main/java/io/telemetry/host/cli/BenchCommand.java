package io.telemetry.host.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the bench lands. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark the whole stack.")
public final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 1;
  }
}
