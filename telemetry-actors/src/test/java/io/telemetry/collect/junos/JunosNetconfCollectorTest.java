package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import io.telemetry.collect.Collector;
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
import org.junit.jupiter.api.Test;

/** The collector against a fake NETCONF session serving hand-written Junos-shaped replies. */
class JunosNetconfCollectorTest {

  private static final Target TARGET = new Target("edge1.ams", "192.0.2.1", 830,
      Credentials.password("telemetry", "secret"), "junos-netconf", Duration.ofSeconds(60),
      Duration.ofSeconds(7), Map.of("site", "ams1"));

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

  private static final String INTERFACES = """
      <rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" xmlns:junos="http://xml.juniper.net/junos/22.4R1/junos" message-id="101">
        <interface-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-interface" junos:style="extensive">
          <physical-interface>
            <name>xe-0/0/0</name>
            <admin-status junos:format="Enabled">up</admin-status>
            <oper-status>up</oper-status>
            <local-index>150</local-index>
            <snmp-index>520</snmp-index>
            <speed>10Gbps</speed>
            <statistics-cleared>Never</statistics-cleared>
            <traffic-statistics junos:style="verbose">
              <input-bytes>9000</input-bytes>
              <output-bytes>8000</output-bytes>
              <input-packets>90</input-packets>
              <output-packets>80</output-packets>
            </traffic-statistics>
            <input-error-list><input-errors>1</input-errors><input-discards>2</input-discards></input-error-list>
            <output-error-list><output-errors>3</output-errors><output-drops>4</output-drops></output-error-list>
          </physical-interface>
        </interface-information>
      </rpc-reply>
      """;

  private static final String ROUTE_ENGINES = """
      <rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" xmlns:junos="http://xml.juniper.net/junos/22.4R1/junos" message-id="102">
        <route-engine-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-chassis">
          <route-engine>
            <slot>0</slot>
            <mastership-state>backup</mastership-state>
            <cpu-idle>97</cpu-idle>
            <up-time junos:seconds="7000">1 hour, 56 minutes, 40 seconds</up-time>
          </route-engine>
          <route-engine>
            <slot>1</slot>
            <mastership-state>master</mastership-state>
            <cpu-idle>80</cpu-idle>
            <up-time junos:seconds="3600">1 hour</up-time>
          </route-engine>
        </route-engine-information>
      </rpc-reply>
      """;

  private static final Instant T1 = Instant.parse("2024-05-06T07:08:09.123456789Z");
  private static final Instant T2 = Instant.parse("2024-05-06T07:08:10.987654321Z");

  private final FakeNetconfClient client = new FakeNetconfClient()
      .answer(JunosNetconfCollector.INTERFACES_REQUEST, INTERFACES)
      .answer(JunosNetconfCollector.ROUTE_ENGINE_REQUEST, ROUTE_ENGINES);

  @Test
  void pollProducesInterfaceAndRouteEngineSamplesStampedWithReplyTimes() throws Exception {
    Collector collector = new JunosNetconfCollector(TARGET, session -> client, clock(T1, T2));
    collector.open(SESSION);
    PollResult result = collector.poll(Instant.parse("2024-05-06T07:08:00Z"));

    List<Sample> samples = result.samples();
    assertEquals(3, samples.size());
    Sample xe = samples.get(0);
    assertEquals("edge1.ams", xe.device());
    assertEquals("interface", xe.family());
    assertEquals(T1, xe.time(), "stamped when the interface reply arrived, nanoseconds kept");
    assertEquals(Map.of("interface", "xe-0/0/0"), xe.tags());
    assertEquals(Map.of("in_octets", 9000L, "out_octets", 8000L, "in_packets", 90L, "out_packets", 80L,
        "in_errors", 1L, "in_discards", 2L, "out_errors", 3L, "out_discards", 4L), xe.counters());
    assertEquals(Map.of("admin_status", 1.0, "oper_status", 1.0, "speed_bps", 1e10), xe.gauges());
    assertEquals(Map.of(), xe.rates(), "rates are the device actor's job");

    Sample re1 = samples.get(2);
    assertEquals("route_engine", re1.family());
    assertEquals(T2, re1.time());
    assertEquals(Map.of("slot", "1", "mastership", "master"), re1.tags());
    assertEquals(20.0, re1.gauges().get("cpu_util"));
    assertEquals(OptionalLong.of(3600), result.deviceUptimeSeconds(), "the master's uptime, not slot 0's");
  }

  @Test
  void requestsUseExtensiveInterfacesAndTheTargetsTimeout() throws Exception {
    Collector collector = new JunosNetconfCollector(TARGET, session -> client, clock(T1, T2));
    collector.open(SESSION);
    collector.poll(T1);
    assertEquals(List.of(
            new FakeNetconfClient.Request("<get-interface-information><extensive/></get-interface-information>", Duration.ofSeconds(7)),
            new FakeNetconfClient.Request("<get-route-engine-information/>", Duration.ofSeconds(7))),
        client.requests);
  }

  @Test
  void malformedInterfaceReplyNamesDeviceAndRpc() throws Exception {
    client.answer(JunosNetconfCollector.INTERFACES_REQUEST, "<rpc-reply><interface-information><physical-interface>");
    Collector collector = new JunosNetconfCollector(TARGET, session -> client, clock(T1, T2));
    collector.open(SESSION);
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(T1));
    assertEquals(Kind.MALFORMED_REPLY, e.kind());
    assertEquals("edge1.ams", e.device());
    assertTrue(e.getMessage().contains("edge1.ams"), e.getMessage());
    assertTrue(e.getMessage().contains("get-interface-information"), e.getMessage());
    assertFalse(e.sessionBroken(), "a well-framed but unreadable reply leaves the session usable");
    assertTrue(e.getCause() instanceof JunosParseException);
  }

  @Test
  void unexpectedRouteEngineReplyNamesDeviceAndRpc() throws Exception {
    client.answer(JunosNetconfCollector.ROUTE_ENGINE_REQUEST, "<rpc-reply><ok/></rpc-reply>");
    Collector collector = new JunosNetconfCollector(TARGET, session -> client, clock(T1, T2));
    collector.open(SESSION);
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(T1));
    assertEquals(Kind.MALFORMED_REPLY, e.kind());
    assertTrue(e.getMessage().contains("edge1.ams"), e.getMessage());
    assertTrue(e.getMessage().contains("get-route-engine-information"), e.getMessage());
  }

  @Test
  void brokenSessionPropagatesUnchanged() throws Exception {
    CollectException lost = new CollectException("edge1.ams", Kind.SESSION_LOST,
        "channel closed during get-interface-information", true);
    client.fail(JunosNetconfCollector.INTERFACES_REQUEST, lost);
    Collector collector = new JunosNetconfCollector(TARGET, session -> client, clock(T1, T2));
    collector.open(SESSION);
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(T1));
    assertSame(lost, e);
    assertTrue(e.sessionBroken());
  }

  @Test
  void pollWithoutOpenSessionAsksForReconnect() {
    Collector collector = new JunosNetconfCollector(TARGET, session -> client, clock(T1, T2));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(T1));
    assertEquals(Kind.SESSION_LOST, e.kind());
    assertTrue(e.sessionBroken());
    assertTrue(e.getMessage().contains("edge1.ams"), e.getMessage());
  }

  @Test
  void openFailurePropagates() {
    CollectException refused = new CollectException("edge1.ams", Kind.CONNECT, "connection refused", true);
    Collector collector = new JunosNetconfCollector(TARGET, session -> {
      throw refused;
    }, clock(T1, T2));
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
    }, clock(T1, T2));
    collector.open(SESSION);
    collector.open(SESSION); // reopening closes the previous session first
    assertTrue(opened.get(0).closed);
    assertFalse(opened.get(1).closed);
    collector.close();
    assertTrue(opened.get(1).closed);
    collector.close(); // idempotent, never throws
  }

  @Test
  void factoryCreatesCollectorsThatOpenOnTheDeviceSession() throws Exception {
    List<DeviceSession> asked = new ArrayList<>();
    JunosNetconfCollectorFactory factory = new JunosNetconfCollectorFactory(session -> {
      asked.add(session);
      return client;
    }, clock(T1, T2));
    assertEquals("junos-netconf", factory.type());
    assertTrue(factory.usesSsh());
    Collector collector = factory.create(TARGET, TARGET.collectors().get(0));
    collector.open(SESSION);
    assertEquals(List.of(SESSION), asked);
    assertEquals(3, collector.poll(T1).samples().size());
  }

  @Test
  void factoryRefusesOtherCollectorTypes() {
    Target snmp = new Target("sw9", "192.0.2.9", 161, Credentials.password("u", "p"), "snmp",
        Duration.ofSeconds(60), Duration.ofSeconds(5), Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new JunosNetconfCollectorFactory(session -> client, Clock.systemUTC()).create(snmp, snmp.collectors().get(0)));
    assertTrue(e.getMessage().contains("sw9"), e.getMessage());
  }

  /** A clock that returns the given instants in turn (one per reply). */
  private static Clock clock(Instant... instants) {
    Deque<Instant> queue = new ArrayDeque<>(List.of(instants));
    return new Clock() {
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
        if (queue.isEmpty()) {
          throw new AssertionError("clock read more often than expected");
        }
        return queue.pop();
      }
    };
  }
}
