package io.telemetry.host.cli;

import io.telemetry.simulate.ChaosKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --chaos-period} and {@code --chaos-kinds}: how often and what chaos a simulated fleet stages. */
final class ChaosOptions {

  @Option(names = "--chaos-period", defaultValue = "20s",
      description = "Time between chaos incidents, a HOCON duration (default ${DEFAULT-VALUE}).")
  String period;

  @Option(names = "--chaos-kinds", split = ",", defaultValue = "flap,link-failure,bgp-drop,spike",
      description = "Which incidents: flap, link-failure, bgp-drop, spike (default ${DEFAULT-VALUE}).")
  List<String> kinds;

  Duration period(CommandSpec spec) {
    return DurationOption.parse(spec, "--chaos-period", period);
  }

  Set<ChaosKind> kinds(CommandSpec spec) {
    Set<ChaosKind> parsed = EnumSet.noneOf(ChaosKind.class);
    for (String name : kinds) {
      try {
        parsed.add(ChaosKind.parse(name));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--chaos-kinds: " + e.getMessage(), e);
      }
    }
    return parsed;
  }
}
