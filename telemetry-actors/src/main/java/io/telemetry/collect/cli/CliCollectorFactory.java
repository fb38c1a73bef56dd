package io.telemetry.collect.cli;

import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.junos.InterfaceInformationParser;
import io.telemetry.collect.junos.RouteEngineInformationParser;
import io.telemetry.inventory.Target;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Creates {@link CliCollector}s for collector blocks with {@code type = "cli"}. */
public final class CliCollectorFactory implements CollectorFactory {

  public static final String TYPE = "cli";

  private final Clock clock;

  public CliCollectorFactory() {
    this(Clock.systemUTC());
  }

  /** @param clock stamps samples with the time each command's output was complete; tests pass a fixed one */
  public CliCollectorFactory(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void validate(Target target, CollectorSpec spec) {
    CliSettings.from(spec);
  }

  /** What the Junos XML/JSON formats give ({@link JunosPayloadParsers}); regex commands name their own. */
  @Override
  public Set<String> families() {
    return Set.of(InterfaceInformationParser.FAMILY, RouteEngineInformationParser.FAMILY);
  }

  @Override
  public Set<String> families(CollectorSpec spec) {
    Set<String> families = new TreeSet<>(families());
    CliSettings.from(spec).commands().stream().flatMap(c -> c.recipe().stream()).map(RegexRecipe::family)
        .forEach(families::add);
    return families;
  }

  @Override
  public boolean usesSsh() {
    return true;
  }

  @Override
  public Collector create(Target target, CollectorSpec spec) {
    if (!TYPE.equals(spec.type())) {
      throw new IllegalArgumentException("device " + target.id() + ": collector is \"" + spec.type()
          + "\", not \"" + TYPE + "\"");
    }
    return new CliCollector(target, CliSettings.from(spec), clock);
  }
}
