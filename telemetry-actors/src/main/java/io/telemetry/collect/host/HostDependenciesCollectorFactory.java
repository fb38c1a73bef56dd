package io.telemetry.collect.host;

import com.typesafe.config.ConfigException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.Target;
import java.nio.ByteOrder;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates {@link HostDependenciesCollector}s for {@code type = "host-dependencies"}. The collector
 * reads the {@code /proc} of the node it runs on, so its target's host must be {@code localhost}.
 */
public final class HostDependenciesCollectorFactory implements CollectorFactory {

  public static final String TYPE = "host-dependencies";

  private final Clock clock;

  public HostDependenciesCollectorFactory() {
    this(Clock.systemUTC());
  }

  /** @param clock stamps samples and schedules inventory refreshes; tests pass their own */
  public HostDependenciesCollectorFactory(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Set<String> families() {
    return Set.of(DependencySamples.DEPENDENCY, DependencySamples.LISTENING_SERVICE, HostDependenciesCollector.STATUS);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void validate(Target target, CollectorSpec spec) {
    if (!isThisHost(target.host())) {
      throw new ConfigException.BadValue(spec.settings().origin(), spec.path() + ".type",
          "target \"" + target.id() + "\": " + TYPE + " reads the /proc of the node it runs on, so the target's host"
              + " must be \"localhost\", not \"" + target.host() + "\"");
    }
    HostDependenciesSettings.from(spec);
  }

  @Override
  public Collector create(Target target, CollectorSpec spec) {
    if (!TYPE.equals(spec.type())) {
      throw new IllegalArgumentException("device " + target.id() + ": collector is \"" + spec.type()
          + "\", not \"" + TYPE + "\"");
    }
    return new HostDependenciesCollector(target, HostDependenciesSettings.from(spec), ByteOrder.nativeOrder(), clock);
  }

  private static boolean isThisHost(String host) {
    return host.equalsIgnoreCase("localhost")
        || Optional.of(host).flatMap(IpAddress::parse).map(IpAddress::isLoopback).orElse(false);
  }
}
