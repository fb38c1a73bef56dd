package io.telemetry.collect.snmp;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.DeviceSession;
import io.telemetry.collect.PollResult;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Polls one device's SNMP agent (v2c or v3): sysUpTime, then ifTable and ifXTable walked with
 * GETBULK, turned into {@code interface} samples. Does not use the device's SSH session. Not
 * thread-safe: the device actor calls it from one blocking-I/O thread at a time.
 */
public final class SnmpCollector implements Collector {

  private final Target target;
  private final SnmpSettings settings;
  private final SnmpSessionOpener opener;
  private final BulkWalker walker;
  private SnmpRequester session;

  SnmpCollector(Target target, SnmpSettings settings, SnmpSessionOpener opener, Clock clock) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.opener = Objects.requireNonNull(opener, "opener");
    this.walker = new BulkWalker(settings.maxRepetitions(), clock);
  }

  @Override
  public void open(DeviceSession deviceSession) throws CollectException {
    close();
    session = opener.open(target, settings);
  }

  @Override
  public PollResult poll(Instant pollStart) throws CollectException {
    SnmpRequester agent = session;
    if (agent == null) {
      throw new CollectException(target.id(), CollectException.Kind.SESSION_LOST,
          "no open SNMP session for " + SysUpTime.REQUEST, true);
    }
    long upTicks = SysUpTime.read(agent);
    WalkedTable ifTable = walker.walk(agent, IfMib.IF_TABLE);
    WalkedTable ifXTable = walker.walk(agent, IfMib.IF_X_TABLE);
    List<Sample> samples = InterfaceSamples.parse(target.id(), ifTable, ifXTable);
    return new PollResult(samples, OptionalLong.of(upTicks / 100));
  }

  @Override
  public void close() {
    SnmpRequester open = session;
    session = null;
    if (open != null) {
      open.close();
    }
  }
}
