package io.telemetry.collect.junos;

import static io.telemetry.collect.junos.CannedReplies.bgp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.DeviceSession;
import io.telemetry.collect.PollResult;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The collector against a fake NETCONF session serving hand-written Junos-shaped replies. */
class JunosNetconfCollectorTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(7);
  private static final Target TARGET = new Target("edge1.ams", "192.0.2.1", 830,
      Credentials.password("telemetry", "secret"), "junos-netconf", Duration.ofSeconds(60), TIMEOUT,
      Map.of("site", "ams1"));

  /** The fakes never touch the session: they stand in for the NETCONF channel opened on it. */
  private static final DeviceSession SESSION = new DeviceSession() {
    @Override
    public Target target() {
      return TARGET;
    }

    @Override
    public org.apache.sshd.client.session.ClientSession ssh() {
      throw new UnsupportedOperationException("not used by the fakes");
    }

    @Override
    public void sshBroken() {}

    @Override
    public void close() {}
  };

  private static final Instant T0 = Instant.parse("2024-05-06T07:08:00Z");

  private final FakeNetconfClient client = CannedReplies.fullDevice();
  private final SteppingClock clock = new SteppingClock(Instant.parse("2024-05-06T07:08:09.123456789Z"));

  private Collector collector(Map<String, Object> settings) throws CollectException {
    Collector collector = new JunosNetconfCollector(TARGET, JunosCollectorSettings.from(spec(settings)),
        session -> client, clock);
    collector.open(SESSION);
    return collector;
  }

  private static CollectorSpec spec(Map<String, Object> settings) {
    return new CollectorSpec("junos-netconf", Duration.ofSeconds(60), ConfigFactory.parseMap(settings),
        "telemetry.targets[4].collectors[1]");
  }

  private List<String> operations() {
    return client.requests.stream().map(FakeNetconfClient.Request::operationXml).toList();
  }

  private static List<Sample> family(PollResult result, String family) {
    return result.samples().stream().filter(s -> family.equals(s.family())).toList();
  }

  /** collector_request outcomes by request name. */
  private static Map<String, Double> requestStatus(PollResult result) {
    return family(result, "collector_request").stream()
        .collect(Collectors.toMap(s -> s.tags().get("request"), s -> s.gauges().get("ok")));
  }

  // ---- what a poll asks and delivers ---------------------------------------------------------

  @Test
  void theFirstPollAsksForInventoryThenEveryGroupWithTheTargetsTimeout() throws Exception {
    collector(Map.of()).poll(T0);
    assertEquals(List.of(
        JunosNetconfCollector.DESCRIPTIONS_REQUEST,
        JunosNetconfCollector.LLDP_REQUEST,
        JunosNetconfCollector.INSTANCES_REQUEST,
        "<get-interface-information><extensive/></get-interface-information>",
        "<get-route-engine-information/>",
        "<get-environment-information/>",
        "<get-power-usage-information-detail/>",
        bgp("master"),
        bgp("CUST-A"),
        "<get-system-storage/>",
        "<get-alarm-information/>"), operations());
    assertTrue(client.requests.stream().allMatch(r -> r.timeout().equals(TIMEOUT)));
  }

  @Test
  void everyFamilyIsDeliveredStampedWithItsReplysTime() throws Exception {
    PollResult result = collector(Map.of()).poll(T0);

    Sample xe = family(result, "interface").get(0);
    assertEquals("edge1.ams", xe.device());
    assertEquals(clock.reading(3), xe.time(), "the fourth reply (after three inventory replies), nanoseconds kept");
    assertEquals(Map.of("interface", "xe-0/0/0", "description", "to core1", "lldp_neighbor", "core1",
        "lldp_neighbor_port", "et-0/0/3"), xe.tags());
    assertEquals(Map.of("in_octets", 9000L, "out_octets", 8000L, "in_packets", 90L, "out_packets", 80L,
        "in_errors", 1L, "in_discards", 2L, "out_errors", 3L, "out_discards", 4L), xe.counters());
    assertEquals(Map.of("admin_status", 1.0, "oper_status", 1.0, "speed_bps", 1e10), xe.gauges());
    assertEquals(Map.of(), xe.rates(), "rates are the device actor's job");

    List<Sample> engines = family(result, "route_engine");
    assertEquals(Map.of("slot", "1", "mastership", "master"), engines.get(1).tags());
    assertEquals(clock.reading(4), engines.get(1).time());
    assertEquals(OptionalLong.of(3600), result.deviceUptimeSeconds(), "the master's uptime, not slot 0's");

    Map<String, Sample> environment = family(result, "environment").stream()
        .collect(Collectors.toMap(s -> s.tags().get("component"), s -> s));
    assertEquals(3, environment.size(), "PEM 0's environment item and power usage are one series");
    assertEquals(Map.of("status", 1.0, "present", 1.0, "temperature_celsius", 35.0, "power_capacity_watts", 2050.0,
        "power_output_watts", 420.0), environment.get("PEM 0").gauges());
    assertEquals("fan", environment.get("Fan Tray 0 Fan 0").tags().get("kind"));

    List<Sample> peers = family(result, "bgp_peer");
    assertEquals(List.of(Map.of("instance", "default", "peer", "192.0.2.2", "peer_as", "65002"),
        Map.of("instance", "CUST-A", "peer", "198.51.100.2", "peer_as", "64512")),
        peers.stream().map(Sample::tags).toList());
    assertEquals(1.0, peers.get(0).gauges().get("state"));
    assertEquals(0.0, peers.get(1).gauges().get("state"));
    assertEquals(5L, peers.get(1).counters().get("flaps"));
    assertEquals(1, family(result, "bgp_peer_rib").size());
    assertEquals(2048.0 * 1024 * 1024, family(result, "storage").get(0).gauges().get("total_bytes"));
    assertEquals(List.of(0.0, 1.0), family(result, "alarm").stream().map(s -> s.gauges().get("active")).toList());

    assertEquals(new java.util.TreeSet<>(JunosNetconfCollectorFactory.FAMILIES),
        result.samples().stream().map(Sample::family).collect(Collectors.toCollection(java.util.TreeSet::new)),
        "the families the factory lists (topics are created from them) are those a default poll writes");

    Map<String, Double> status = requestStatus(result);
    assertEquals(11, status.size(), "one collector_request sample per request: " + status.keySet());
    assertTrue(status.values().stream().allMatch(ok -> ok == 1.0), status.toString());
    assertTrue(status.containsKey("get-bgp-summary-information instance=CUST-A"), status.keySet().toString());
    Sample storageStatus = family(result, "collector_request").stream()
        .filter(s -> s.tags().get("request").equals("get-system-storage")).findFirst().orElseThrow();
    assertEquals(Map.of("collector", "junos-netconf", "request", "get-system-storage"), storageStatus.tags());
    assertTrue(storageStatus.gauges().get("duration_seconds") >= 0);
  }

  @Test
  void theInventoryIsFetchedAgainOnlyAfterItsInterval() throws Exception {
    Collector collector = collector(Map.of("inventory-interval", "10m"));
    collector.poll(T0);
    client.requests.clear();
    client.answer(JunosNetconfCollector.DESCRIPTIONS_REQUEST, CannedReplies.descriptions("to core2"));

    PollResult later = collector.poll(T0.plus(Duration.ofMinutes(9)));
    assertFalse(operations().contains(JunosNetconfCollector.DESCRIPTIONS_REQUEST));
    assertFalse(operations().contains(JunosNetconfCollector.LLDP_REQUEST));
    assertFalse(operations().contains(JunosNetconfCollector.INSTANCES_REQUEST));
    assertEquals(List.of(bgp("master"), bgp("CUST-A")), operations().stream().filter(o -> o.contains("bgp")).toList(),
        "the cached instance list is used");
    assertEquals("to core1", family(later, "interface").get(0).tags().get("description"), "cached");

    client.requests.clear();
    PollResult refreshed = collector.poll(T0.plus(Duration.ofMinutes(10)));
    assertEquals(List.of(JunosNetconfCollector.DESCRIPTIONS_REQUEST, JunosNetconfCollector.LLDP_REQUEST,
        JunosNetconfCollector.INSTANCES_REQUEST), operations().subList(0, 3));
    assertEquals("to core2", family(refreshed, "interface").get(0).tags().get("description"));
  }

  @Test
  void onlyTheChosenGroupsRun() throws Exception {
    PollResult result = collector(Map.of("rpcs", List.of("route-engine", "alarms"))).poll(T0);
    assertEquals(List.of("<get-route-engine-information/>", "<get-alarm-information/>"), operations());
    assertEquals(List.of("alarm", "collector_request", "route_engine"),
        result.samples().stream().map(Sample::family).distinct().sorted().toList());
  }

  @Test
  void inventoryRequestsNeedTheInterfaceGroup() throws Exception {
    collector(Map.of("rpcs", List.of("descriptions", "lldp", "storage"))).poll(T0);
    assertEquals(List.of("<get-system-storage/>"), operations(), "without interface samples there is nothing to tag");
  }

  @Test
  void withoutRouteEnginesThereIsNoDeviceUptime() throws Exception {
    PollResult result = collector(Map.of("rpcs", List.of("interfaces"))).poll(T0);
    assertEquals(OptionalLong.empty(), result.deviceUptimeSeconds());
  }

  // ---- BGP instances -------------------------------------------------------------------------

  @Test
  void configuredInstancesAreAskedOneByOneAndNotDiscovered() throws Exception {
    String escaped = "<get-bgp-summary-information><instance>A&amp;B</instance></get-bgp-summary-information>";
    client.answer(escaped, CannedReplies.BGP_CUST_A);
    PollResult result = collector(Map.of("rpcs", List.of("bgp"), "bgp-instances", List.of("master", "A&B"))).poll(T0);
    assertEquals(List.of(bgp("master"), escaped), operations());
    assertEquals(List.of("default", "A&B"), family(result, "bgp_peer").stream().map(s -> s.tags().get("instance")).toList());
  }

  @Test
  void whenDiscoveryFailsOneSummaryCoversEveryInstance() throws Exception {
    client.fail(JunosNetconfCollector.INSTANCES_REQUEST,
        new CollectException("edge1.ams", Kind.RPC_ERROR, "<get-instance-information> failed: permission denied", false));
    client.answer("<get-bgp-summary-information/>", CannedReplies.BGP_MASTER);
    PollResult result = collector(Map.of("rpcs", List.of("bgp"))).poll(T0);
    assertEquals(List.of(JunosNetconfCollector.INSTANCES_REQUEST, "<get-bgp-summary-information/>"), operations());
    assertEquals("default", family(result, "bgp_peer").get(0).tags().get("instance"), "placed by its inet.0 table");
  }

  // ---- failures ------------------------------------------------------------------------------

  @Test
  void aFailingRequestIsReportedByNameWhileTheOthersDeliver() throws Exception {
    client.fail(JunosNetconfCollector.STORAGE_REQUEST, new CollectException("edge1.ams", Kind.RPC_ERROR,
        "<get-system-storage> failed: [rpc-error[type=protocol, tag=operation-failed, severity=error]]", false));
    client.answer(JunosNetconfCollector.ENVIRONMENT_REQUEST, "<rpc-reply><environment-information><environment-item>");
    ListAppender<ILoggingEvent> logs = captureLogs();
    try {
      Collector collector = collector(Map.of());
      PollResult result = collector.poll(T0);

      assertEquals(List.of("alarm", "bgp_peer", "bgp_peer_rib", "collector_request", "environment", "interface",
          "route_engine"), result.samples().stream().map(Sample::family).distinct().sorted().toList());
      assertEquals(Map.of("PEM 0", "power"), family(result, "environment").stream()
          .collect(Collectors.toMap(s -> s.tags().get("component"), s -> s.tags().get("kind"))),
          "the power supplies still deliver without their environment items");
      Map<String, Double> status = requestStatus(result);
      assertEquals(0.0, status.get("get-system-storage"));
      assertEquals(0.0, status.get("get-environment-information"));
      assertEquals(9, status.values().stream().filter(ok -> ok == 1.0).count());

      List<String> warnings = messages(logs, "WARN");
      assertEquals(2, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).startsWith("device edge1.ams: malformed reply to get-environment-information: "),
          warnings.get(0));
      assertTrue(warnings.get(1).startsWith("device edge1.ams: get-system-storage: <get-system-storage> failed: [rpc-error"),
          warnings.get(1));

      collector.poll(T0.plusSeconds(60));
      assertEquals(2, messages(logs, "WARN").size(), "a lasting failure is logged once");
      client.answer(JunosNetconfCollector.STORAGE_REQUEST, CannedReplies.STORAGE);
      PollResult recovered = collector.poll(T0.plusSeconds(120));
      assertEquals(1.0, requestStatus(recovered).get("get-system-storage"));
      assertEquals(List.of("INFO device edge1.ams: get-system-storage works again"), messages(logs, "INFO"));
    } finally {
      releaseLogs(logs);
    }
  }

  @Test
  void aPollWhereEveryRequestFailsFailsNamingTheDeviceAndTheRequests() throws Exception {
    client.answer(JunosNetconfCollector.DESCRIPTIONS_REQUEST, "<rpc-reply><interface-information><physical-interface>");
    client.answer(JunosNetconfCollector.INTERFACES_REQUEST, "<rpc-reply><ok/></rpc-reply>");
    client.fail(JunosNetconfCollector.ROUTE_ENGINE_REQUEST, new CollectException("edge1.ams", Kind.RPC_ERROR,
        "<get-route-engine-information> failed: [rpc-error]", false));
    Collector collector = collector(Map.of("rpcs", List.of("interfaces", "route-engine", "descriptions"),
        "inventory-interval", "1h"));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(T0));
    assertEquals(Kind.MALFORMED_REPLY, e.kind(), "the kind of the first failure");
    assertEquals("edge1.ams", e.device());
    assertTrue(e.getMessage().startsWith("device edge1.ams: malformed reply to get-interface-information descriptions"),
        e.getMessage());
    assertFalse(e.sessionBroken(), "a well-framed but unreadable reply leaves the session usable");
    assertTrue(e.getMessage().contains("get-route-engine-information"), e.getMessage());
    assertTrue(e.getCause().getCause() instanceof JunosParseException);

    client.requests.clear();
    assertThrows(CollectException.class, () -> collector.poll(T0.plusSeconds(60)));
    assertTrue(operations().contains(JunosNetconfCollector.DESCRIPTIONS_REQUEST),
        "after a poll that produced nothing the inventory is asked again at once");
  }

  @Test
  void aBrokenSessionEndsThePollAtOnceWithTheTransportsError() throws Exception {
    CollectException lost = new CollectException("edge1.ams", Kind.SESSION_LOST,
        "no reply to <get-route-engine-information>: the SSH channel was closed", true);
    client.fail(JunosNetconfCollector.ROUTE_ENGINE_REQUEST, lost);
    Collector collector = collector(Map.of());
    assertSame(lost, assertThrows(CollectException.class, () -> collector.poll(T0)));
    assertEquals("<get-route-engine-information/>", operations().get(operations().size() - 1), "nothing sent after it");
  }

  @Test
  void aFailedInventoryRequestKeepsTheLastTagsUntilTheNextRefresh() throws Exception {
    Collector collector = collector(Map.of("rpcs", List.of("interfaces", "descriptions", "lldp"),
        "inventory-interval", "10m"));
    collector.poll(T0);
    client.fail(JunosNetconfCollector.LLDP_REQUEST, new CollectException("edge1.ams", Kind.RPC_ERROR,
        "<get-lldp-neighbors-information> failed: lldp is not running", false));
    client.answer(JunosNetconfCollector.DESCRIPTIONS_REQUEST, CannedReplies.descriptions("to core9"));
    PollResult refreshed = collector.poll(T0.plus(Duration.ofMinutes(10)));
    Sample xe = family(refreshed, "interface").get(0);
    assertEquals("to core9", xe.tags().get("description"));
    assertEquals("core1", xe.tags().get("lldp_neighbor"), "the neighbor from the last good refresh");
    assertEquals(0.0, requestStatus(refreshed).get("get-lldp-neighbors-information"));

    assertEquals(1L, requestFailures(refreshed).get("get-lldp-neighbors-information"), "the failure is counted");
    assertEquals(0L, requestFailures(refreshed).get("get-interface-information descriptions"));

    client.requests.clear();
    collector.poll(T0.plus(Duration.ofMinutes(11)));
    assertEquals(List.of(JunosNetconfCollector.INTERFACES_REQUEST), operations(), "not retried on every poll");

    PollResult again = collector.poll(T0.plus(Duration.ofMinutes(20)));
    assertEquals("core1", family(again, "interface").get(0).tags().get("lldp_neighbor"), "still the last good one");
    assertEquals(2L, requestFailures(again).get("get-lldp-neighbors-information"), "a count since the collector began");
  }

  @Test
  void theInventoryIntervalDefaultsToTheEnrichmentCadenceOf30Minutes() throws Exception {
    assertEquals(Duration.ofMinutes(30), JunosCollectorSettings.from(spec(Map.of())).inventoryInterval());
    Collector collector = collector(Map.of("rpcs", List.of("interfaces", "descriptions")));
    collector.poll(T0);
    client.requests.clear();
    collector.poll(T0.plus(Duration.ofMinutes(29)));
    assertEquals(List.of(JunosNetconfCollector.INTERFACES_REQUEST), operations());
    client.requests.clear();
    collector.poll(T0.plus(Duration.ofMinutes(30)));
    assertTrue(operations().contains(JunosNetconfCollector.DESCRIPTIONS_REQUEST), operations().toString());
  }

  /** collector_request failure counters by request name. */
  private static Map<String, Long> requestFailures(PollResult result) {
    return family(result, "collector_request").stream()
        .collect(Collectors.toMap(s -> s.tags().get("request"), s -> s.counters().get("failures")));
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  @Test
  void pollWithoutOpenSessionAsksForReconnect() {
    Collector collector = new JunosNetconfCollector(TARGET, session -> client, clock);
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(T0));
    assertEquals(Kind.SESSION_LOST, e.kind());
    assertTrue(e.sessionBroken());
    assertTrue(e.getMessage().contains("edge1.ams"), e.getMessage());
  }

  @Test
  void openFailurePropagates() {
    CollectException refused = new CollectException("edge1.ams", Kind.CONNECT, "connection refused", true);
    Collector collector = new JunosNetconfCollector(TARGET, session -> {
      throw refused;
    }, clock);
    assertSame(refused, assertThrows(CollectException.class, () -> collector.open(SESSION)));
  }

  @Test
  void closeClosesTheSessionAndReopenGetsAFreshOne() throws Exception {
    Deque<FakeNetconfClient> sessions = new ArrayDeque<>(List.of(client, new FakeNetconfClient()));
    List<FakeNetconfClient> opened = new ArrayList<>();
    Collector collector = new JunosNetconfCollector(TARGET, session -> {
      FakeNetconfClient next = sessions.pop();
      opened.add(next);
      return next;
    }, clock);
    collector.open(SESSION);
    collector.open(SESSION); // reopening closes the previous session first
    assertTrue(opened.get(0).closed);
    assertFalse(opened.get(1).closed);
    collector.close();
    assertTrue(opened.get(1).closed);
    collector.close(); // idempotent, never throws
  }

  @Test
  void factoryCreatesCollectorsWithTheBlocksSettingsOnTheDeviceSession() throws Exception {
    List<DeviceSession> asked = new ArrayList<>();
    JunosNetconfCollectorFactory factory = new JunosNetconfCollectorFactory(session -> {
      asked.add(session);
      return client;
    }, clock);
    assertEquals("junos-netconf", factory.type());
    assertTrue(factory.usesSsh());
    Collector collector = factory.create(TARGET, spec(Map.of("rpcs", List.of("interfaces", "route-engine"))));
    collector.open(SESSION);
    assertEquals(List.of(SESSION), asked);
    assertEquals(3, collector.poll(T0).samples().stream().filter(s -> !s.family().equals("collector_request")).count());
  }

  @Test
  void factoryRefusesOtherCollectorTypes() {
    Target snmp = new Target("sw9", "192.0.2.9", 161, Credentials.password("u", "p"), "snmp",
        Duration.ofSeconds(60), Duration.ofSeconds(5), Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new JunosNetconfCollectorFactory(session -> client, Clock.systemUTC()).create(snmp, snmp.collectors().get(0)));
    assertTrue(e.getMessage().contains("sw9"), e.getMessage());
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(JunosNetconfCollector.class)).addAppender(appender);
    return appender;
  }

  private static void releaseLogs(ListAppender<ILoggingEvent> appender) {
    ((Logger) LoggerFactory.getLogger(JunosNetconfCollector.class)).detachAppender(appender);
  }

  private static List<String> messages(ListAppender<ILoggingEvent> appender, String level) {
    return appender.list.stream().filter(e -> e.getLevel().toString().equals(level))
        .map(e -> level.equals("INFO") ? "INFO " + e.getFormattedMessage() : e.getFormattedMessage()).toList();
  }

  /** A clock that moves one second per reading, so that each reply's time is known. */
  private static final class SteppingClock extends Clock {
    private final Instant start;
    private int readings;

    SteppingClock(Instant start) {
      this.start = start;
    }

    /** The instant the n-th reading (0-based) returns. */
    Instant reading(int n) {
      return start.plusSeconds(n);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return reading(readings++);
    }
  }
}
