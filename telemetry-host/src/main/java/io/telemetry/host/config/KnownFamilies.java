package io.telemetry.host.config;

import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.cli.CliSettings;
import io.telemetry.collect.cli.RegexRecipe;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.inventory.Target;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The measurement families Telemetry's collectors write (docs/schema/measurements.md), plus those a
 * configuration's cli collectors declare (regex commands name their own): a correlation rule that
 * reads any other family would never see a record.
 */
final class KnownFamilies {

  /** snmp: interface; meraki: uplink, client; host-dependencies: dependency, listening_service, dependency_status. */
  private static final List<String> OTHER_COLLECTORS = List.of(
      "interface", "uplink", "client", "dependency", "listening_service", "dependency_status");

  private KnownFamilies() {}

  static Set<String> of(List<Target> targets) {
    Set<String> families = new TreeSet<>(JunosNetconfCollectorFactory.FAMILIES);
    families.addAll(OTHER_COLLECTORS);
    for (Target target : targets) {
      for (CollectorSpec spec : target.collectors()) {
        if (spec.type().equals("cli")) {
          try {
            CliSettings.from(spec).commands().stream().flatMap(c -> c.recipe().stream()).map(RegexRecipe::family)
                .forEach(families::add);
          } catch (RuntimeException e) {
            // reported by the target's own check
          }
        }
      }
    }
    return families;
  }
}
