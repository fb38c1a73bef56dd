package io.telemetry.collect.junos;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.DeviceSession;
import io.telemetry.collect.PollResult;
import io.telemetry.collect.netconf.NetconfClient;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Polls one Junos device over NETCONF: interface counters and status
 * ({@code get-interface-information extensive}) and routing-engine health
 * ({@code get-route-engine-information}). Each sample is stamped with the time its reply arrived.
 * Not thread-safe: the device actor calls it from one blocking-I/O thread at a time.
 */
public final class JunosNetconfCollector implements Collector {

  /** Extensive is the lowest level whose reply carries input-error-list and output-error-list. */
  static final String INTERFACES_REQUEST = "<get-interface-information><extensive/></get-interface-information>";
  static final String ROUTE_ENGINE_REQUEST = "<get-route-engine-information/>";

  private final Target target;
  private final NetconfOpener opener;
  private final Clock clock;
  private NetconfClient client;

  public JunosNetconfCollector(Target target, NetconfOpener opener, Clock clock) {
    this.target = Objects.requireNonNull(target, "target");
    this.opener = Objects.requireNonNull(opener, "opener");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void open(DeviceSession session) throws CollectException {
    close();
    client = opener.open(session);
  }

  @Override
  public PollResult poll(Instant pollStart) throws CollectException {
    NetconfClient session = client;
    if (session == null) {
      throw new CollectException(target.id(), CollectException.Kind.SESSION_LOST,
          "no open NETCONF session for " + InterfaceInformationParser.RPC, true);
    }
    String interfaces = session.rpc(INTERFACES_REQUEST, target.timeout());
    Instant interfacesTime = clock.instant();
    String routeEngines = session.rpc(ROUTE_ENGINE_REQUEST, target.timeout());
    Instant routeEnginesTime = clock.instant();

    List<Sample> samples = new ArrayList<>(parseInterfaces(interfaces, interfacesTime));
    RouteEngineInformationParser.Result engines = parseRouteEngines(routeEngines, routeEnginesTime);
    samples.addAll(engines.samples());
    return new PollResult(samples, engines.deviceUptimeSeconds());
  }

  @Override
  public void close() {
    NetconfClient session = client;
    client = null;
    if (session != null) {
      session.close();
    }
  }

  private List<Sample> parseInterfaces(String reply, Instant time) throws CollectException {
    try {
      return InterfaceInformationParser.parse(target.id(), time, reply);
    } catch (JunosParseException e) {
      throw malformed(InterfaceInformationParser.RPC, e);
    }
  }

  private RouteEngineInformationParser.Result parseRouteEngines(String reply, Instant time) throws CollectException {
    try {
      return RouteEngineInformationParser.parse(target.id(), time, reply);
    } catch (JunosParseException e) {
      throw malformed(RouteEngineInformationParser.RPC, e);
    }
  }

  // The transport framed the reply correctly, so the session itself is still usable.
  private CollectException malformed(String rpc, JunosParseException e) {
    return new CollectException(target.id(), CollectException.Kind.MALFORMED_REPLY,
        "malformed reply to " + rpc + ": " + e.getMessage(), false, e);
  }
}
