package io.telemetry.collect.junos;

import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorFactory;
import io.telemetry.inventory.Target;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/** Creates {@link JunosNetconfCollector}s for targets with {@code collector = "junos-netconf"}. */
public final class JunosNetconfCollectorFactory implements CollectorFactory {

  public static final String TYPE = "junos-netconf";

  private final Function<Target, NetconfOpener> openers;
  private final Clock clock;

  /** @param openers gives each target the way to open its NETCONF session (the SSH transport) */
  public JunosNetconfCollectorFactory(Function<Target, NetconfOpener> openers) {
    this(openers, Clock.systemUTC());
  }

  /** @param clock stamps samples with the time each reply arrived; tests pass a fixed clock */
  public JunosNetconfCollectorFactory(Function<Target, NetconfOpener> openers, Clock clock) {
    this.openers = Objects.requireNonNull(openers, "openers");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Collector create(Target target) {
    if (!TYPE.equals(target.collector())) {
      throw new IllegalArgumentException("device " + target.id() + ": collector is \"" + target.collector()
          + "\", not \"" + TYPE + "\"");
    }
    return new JunosNetconfCollector(target, openers.apply(target), clock);
  }
}
