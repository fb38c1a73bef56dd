package io.telemetry.collect.snmp;

import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.Target;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/** Creates {@link SnmpCollector}s for collector blocks with {@code type = "snmp"}. */
public final class SnmpCollectorFactory implements CollectorFactory {

  public static final String TYPE = "snmp";

  private final SnmpSessionOpener opener;
  private final Clock clock;

  /** SNMP over UDP, samples stamped with the system clock. */
  public SnmpCollectorFactory() {
    this(SnmpSessionOpener.UDP, Clock.systemUTC());
  }

  /**
   * @param opener opens a device's SNMP session (tests pass agents with crafted replies)
   * @param clock  stamps samples with the time each reply arrived
   */
  SnmpCollectorFactory(SnmpSessionOpener opener, Clock clock) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> families() {
    return Set.of(InterfaceSamples.FAMILY);
  }

  @Override
  public void validate(Target target, CollectorSpec spec) {
    SnmpSettings.parse(spec.settings(), spec.path(), target.id());
  }

  @Override
  public Collector create(Target target, CollectorSpec spec) {
    if (!TYPE.equals(spec.type())) {
      throw new IllegalArgumentException("device " + target.id() + ": collector is \"" + spec.type()
          + "\", not \"" + TYPE + "\"");
    }
    return new SnmpCollector(target, SnmpSettings.parse(spec.settings(), spec.path(), target.id()), opener, clock);
  }
}
