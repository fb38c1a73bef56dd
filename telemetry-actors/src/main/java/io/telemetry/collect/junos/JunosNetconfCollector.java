package io.telemetry.collect.junos;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.DeviceSession;
import io.telemetry.collect.PollResult;
import io.telemetry.collect.netconf.NetconfClient;
import io.telemetry.collect.netconf.NetconfXml;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one Junos device over one NETCONF session: the request groups its settings choose
 * (interfaces, route engines, environment, power, BGP, storage, alarms on every poll; interface
 * descriptions, LLDP neighbors and the BGP instance list at the slower inventory interval, cached
 * and attached as tags). Each sample is stamped with the time its reply arrived.
 *
 * <p>A request that fails without breaking the session is logged (once, until it works again)
 * and reported as a {@code collector_request} sample with {@code ok = 0}; the other requests of
 * the poll still deliver. The poll fails only when every request failed or the session broke.
 * Not thread-safe: the device actor calls it from one blocking-I/O thread at a time.
 */
public final class JunosNetconfCollector implements Collector {

  private static final Logger log = LoggerFactory.getLogger(JunosNetconfCollector.class);

  /** Extensive is the lowest level whose reply carries input-error-list and output-error-list. */
  static final String INTERFACES_REQUEST = "<get-interface-information><extensive/></get-interface-information>";
  static final String ROUTE_ENGINE_REQUEST = "<get-route-engine-information/>";
  static final String ENVIRONMENT_REQUEST = "<get-environment-information/>";
  static final String POWER_REQUEST = "<get-power-usage-information-detail/>";
  static final String STORAGE_REQUEST = "<get-system-storage/>";
  static final String ALARMS_REQUEST = "<get-alarm-information/>";
  static final String DESCRIPTIONS_REQUEST = "<get-interface-information><descriptions/></get-interface-information>";
  static final String LLDP_REQUEST = "<get-lldp-neighbors-information/>";
  static final String INSTANCES_REQUEST = "<get-instance-information/>";

  private final Target target;
  private final JunosCollectorSettings settings;
  private final NetconfOpener opener;
  private final Clock clock;
  private NetconfClient client;

  // Slow-cadence data, kept between polls of this session.
  private InterfaceInventory inventory = InterfaceInventory.EMPTY;
  private Optional<List<String>> discoveredInstances = Optional.empty();
  private Instant lastInventory;
  /** Requests that failed on an earlier poll, so that a lasting failure is logged once. */
  private final Set<String> failing = new HashSet<>();
  /** Failures per request since the collector was created, reported as collector_request.failures. */
  private final Map<String, Long> failureCounts = new HashMap<>();

  public JunosNetconfCollector(Target target, NetconfOpener opener, Clock clock) {
    this(target, JunosCollectorSettings.defaults(), opener, clock);
  }

  JunosNetconfCollector(Target target, JunosCollectorSettings settings, NetconfOpener opener, Clock clock) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
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
    PollRequests requests = new PollRequests(target.id(), session, target.timeout(), clock);
    Instant previousInventory = lastInventory;
    if (inventoryDue(pollStart)) {
      refreshInventory(requests, pollStart);
    }
    List<Sample> samples = new ArrayList<>();
    OptionalLong uptime = OptionalLong.empty();
    String id = target.id();

    if (settings.runs(JunosRpcGroup.INTERFACES)) {
      requests.run(InterfaceInformationParser.RPC, INTERFACES_REQUEST,
              (time, xml) -> InterfaceInformationParser.parse(id, time, xml))
          .ifPresent(list -> list.forEach(s -> samples.add(inventory.tag(s))));
    }
    if (settings.runs(JunosRpcGroup.ROUTE_ENGINE)) {
      Optional<RouteEngineInformationParser.Result> engines = requests.run(RouteEngineInformationParser.RPC,
          ROUTE_ENGINE_REQUEST, (time, xml) -> RouteEngineInformationParser.parse(id, time, xml));
      if (engines.isPresent()) {
        samples.addAll(engines.get().samples());
        uptime = engines.get().deviceUptimeSeconds();
      }
    }
    samples.addAll(environment(requests));
    if (settings.runs(JunosRpcGroup.BGP)) {
      for (Optional<String> instance : bgpInstances()) {
        requests.run(bgpRequestName(instance), bgpSummaryRequest(instance),
                (time, xml) -> BgpSummaryParser.parse(id, time, xml, instance))
            .ifPresent(result -> samples.addAll(result.all()));
      }
    }
    if (settings.runs(JunosRpcGroup.STORAGE)) {
      requests.run(SystemStorageParser.RPC, STORAGE_REQUEST, (time, xml) -> SystemStorageParser.parse(id, time, xml))
          .ifPresent(samples::addAll);
    }
    if (settings.runs(JunosRpcGroup.ALARMS)) {
      requests.run(AlarmInformationParser.RPC, ALARMS_REQUEST, (time, xml) -> AlarmInformationParser.parse(id, time, xml))
          .ifPresent(samples::addAll);
    }

    requests.failures().forEach(outcome -> failureCounts.merge(outcome.request(), 1L, Long::sum));
    try {
      requests.requireAnySuccess();
    } catch (CollectException nothingWorked) {
      lastInventory = previousInventory; // whatever broke everything, the inventory is retried next poll
      throw nothingWorked;
    }
    logChanges(requests);
    samples.addAll(requests.statusSamples(failureCounts));
    return new PollResult(samples, uptime);
  }

  @Override
  public void close() {
    NetconfClient session = client;
    client = null;
    if (session != null) {
      session.close();
    }
  }

  /** The environment items, joined with the power supplies' output when both are asked for. */
  private List<Sample> environment(PollRequests requests) throws CollectException {
    String id = target.id();
    List<Sample> items = List.of();
    List<Sample> supplies = List.of();
    if (settings.runs(JunosRpcGroup.ENVIRONMENT)) {
      items = requests.run(EnvironmentInformationParser.RPC, ENVIRONMENT_REQUEST,
          (time, xml) -> EnvironmentInformationParser.parse(id, time, xml)).orElse(List.of());
    }
    if (settings.runs(JunosRpcGroup.POWER)) {
      supplies = requests.run(PowerUsageParser.RPC, POWER_REQUEST,
          (time, xml) -> PowerUsageParser.parse(id, time, xml)).orElse(List.of());
    }
    return EnvironmentMerge.merge(items, supplies);
  }

  private boolean inventoryDue(Instant pollStart) {
    return lastInventory == null || !pollStart.isBefore(lastInventory.plus(settings.inventoryInterval()));
  }

  /**
   * Fetches the slow data again. A failed request keeps what the previous refresh found (stale
   * tags beat none) and is tried again at the next refresh, not on every poll.
   */
  private void refreshInventory(PollRequests requests, Instant pollStart) throws CollectException {
    lastInventory = pollStart;
    if (settings.runs(JunosRpcGroup.INTERFACES) && settings.runs(JunosRpcGroup.DESCRIPTIONS)) {
      requests.run(InterfaceDescriptionsParser.RPC + " descriptions", DESCRIPTIONS_REQUEST,
              (time, xml) -> InterfaceDescriptionsParser.parse(xml))
          .ifPresent(found -> inventory = inventory.withDescriptions(found));
    }
    if (settings.runs(JunosRpcGroup.INTERFACES) && settings.runs(JunosRpcGroup.LLDP)) {
      requests.run(LldpNeighborsParser.RPC, LLDP_REQUEST, (time, xml) -> LldpNeighborsParser.parse(xml))
          .ifPresent(found -> inventory = inventory.withLldp(found));
    }
    if (settings.runs(JunosRpcGroup.BGP) && settings.bgpInstances().isEmpty()) {
      requests.run(InstanceInformationParser.RPC, INSTANCES_REQUEST, (time, xml) -> InstanceInformationParser.parse(xml))
          .ifPresent(found -> discoveredInstances = Optional.of(found));
    }
  }

  /**
   * The instances to ask the BGP summary for: the configured ones, else the discovered ones, else
   * (discovery failed) one request for all instances, attributed by the reply itself.
   */
  private List<Optional<String>> bgpInstances() {
    List<String> names = !settings.bgpInstances().isEmpty() ? settings.bgpInstances()
        : discoveredInstances.orElse(List.of());
    if (names.isEmpty()) {
      return List.of(Optional.empty());
    }
    return names.stream().map(Optional::of).toList();
  }

  static String bgpSummaryRequest(Optional<String> instance) {
    return instance.map(name -> "<get-bgp-summary-information><instance>" + NetconfXml.escape(name)
        + "</instance></get-bgp-summary-information>").orElse("<get-bgp-summary-information/>");
  }

  static String bgpRequestName(Optional<String> instance) {
    return BgpSummaryParser.RPC + instance.map(name -> " instance=" + name).orElse("");
  }

  /** Logs a request's failure when it starts failing and when it works again, not on every poll. */
  private void logChanges(PollRequests requests) {
    for (PollRequests.Outcome outcome : requests.outcomes()) {
      if (outcome.failure().isPresent()) {
        if (failing.add(outcome.request())) {
          log.warn("{}; the other requests of the poll still deliver", outcome.failure().get().getMessage());
        } else {
          log.debug("{} (still failing)", outcome.failure().get().getMessage());
        }
      } else if (failing.remove(outcome.request())) {
        log.info("device {}: {} works again", target.id(), outcome.request());
      }
    }
  }
}
