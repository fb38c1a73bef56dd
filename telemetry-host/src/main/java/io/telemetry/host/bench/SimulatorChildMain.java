package io.telemetry.host.bench;

import io.telemetry.host.TelemetryCli;
import io.telemetry.host.process.ParentWatch;
import java.time.Duration;

/**
 * Entry point of the simulator child JVM of the bench: {@code telemetry simulate <args>}, which
 * exits when the bench's JVM is gone (standard input closed, see {@link ParentWatch}), so a
 * simulator never outlives the bench that started it.
 */
public final class SimulatorChildMain {

  private SimulatorChildMain() {}

  public static void main(String[] args) {
    ParentWatch.start(System.in, "telemetry simulator", Duration.ofSeconds(10));
    String[] command = new String[args.length + 1];
    command[0] = "simulate";
    System.arraycopy(args, 0, command, 1, args.length);
    TelemetryCli.main(command);
  }
}
