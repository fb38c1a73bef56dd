package io.telemetry.collect.cli;

import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.Target;
import java.time.Clock;
import java.util.Objects;

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
