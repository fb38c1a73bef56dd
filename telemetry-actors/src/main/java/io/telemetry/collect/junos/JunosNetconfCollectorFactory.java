package io.telemetry.collect.junos;

import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.Target;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Creates {@link JunosNetconfCollector}s for targets with {@code collector = "junos-netconf"}. */
public final class JunosNetconfCollectorFactory implements CollectorFactory {

  public static final String TYPE = "junos-netconf";

  /** Every measurement family the collector writes (with its default settings, all of them). */
  public static final List<String> FAMILIES = List.of(InterfaceInformationParser.FAMILY,
      RouteEngineInformationParser.FAMILY, EnvironmentInformationParser.FAMILY, BgpSummaryParser.PEER_FAMILY,
      BgpSummaryParser.RIB_FAMILY, SystemStorageParser.FAMILY, AlarmInformationParser.FAMILY, PollRequests.FAMILY);

  private final NetconfOpener opener;
  private final Clock clock;

  /** NETCONF over the device's SSH session. */
  public JunosNetconfCollectorFactory() {
    this(NetconfOpener.OVER_SSH, Clock.systemUTC());
  }

  /**
   * @param opener how to open a NETCONF session on a device session (tests pass fakes)
   * @param clock  stamps samples with the time each reply arrived; tests pass a fixed clock
   */
  public JunosNetconfCollectorFactory(NetconfOpener opener, Clock clock) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> families() {
    return Set.copyOf(FAMILIES);
  }

  /** Rejects unknown keys and bad values of the collector block, naming their path. */
  @Override
  public void validate(Target target, CollectorSpec spec) {
    JunosCollectorSettings.from(spec);
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
    return new JunosNetconfCollector(target, JunosCollectorSettings.from(spec), opener, clock);
  }
}
