package io.telemetry.collect.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.PollResult;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/** The collector end to end against an in-memory agent: request order, uptime, errors. */
class SnmpCollectorTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectorSpec SPEC = new CollectorSpec("snmp", Duration.ofSeconds(60),
      ConfigFactory.parseString("community = public, max-repetitions = 2"), "telemetry.targets[0].collectors[0]");
  private static final Target TARGET = new Target("dev1", "127.0.0.1", 830,
      new Credentials("", Optional.empty(), Optional.empty()), List.of(SPEC), Duration.ofSeconds(3), Map.of());

  private static MibView agent() {
    Map<String, Variable> values = new java.util.HashMap<>();
    values.put("1.3.6.1.2.1.1.3.0", new TimeTicks(123_456));
    for (int i = 1; i <= 3; i++) {
      values.put("1.3.6.1.2.1.2.2.1.2." + i, new OctetString("eth" + i));
      values.put("1.3.6.1.2.1.2.2.1.5." + i, new Gauge32(1_000_000_000L));
      values.put("1.3.6.1.2.1.2.2.1.7." + i, new Integer32(1));
      values.put("1.3.6.1.2.1.2.2.1.8." + i, new Integer32(1));
      values.put("1.3.6.1.2.1.2.2.1.10." + i, new Counter32(10L * i));
      values.put("1.3.6.1.2.1.2.2.1.16." + i, new Counter32(20L * i));
      values.put("1.3.6.1.2.1.31.1.1.1.1." + i, new OctetString("if" + i));
      values.put("1.3.6.1.2.1.31.1.1.1.6." + i, new Counter64(1000L * i));
      values.put("1.3.6.1.2.1.31.1.1.1.10." + i, new Counter64(2000L * i));
      values.put("1.3.6.1.2.1.31.1.1.1.15." + i, new Gauge32(1000));
    }
    values.put("1.3.6.1.2.1.31.1.2.1.3.0.1", new Integer32(1)); // ifStackTable: right after ifXTable
    return new MibView().putAll(values);
  }

  private static Collector collector(MibView agent) {
    return new SnmpCollectorFactory((target, settings) -> agent, CLOCK).create(TARGET, SPEC);
  }

  @Test
  void pollReadsUptimeThenBothTables() throws CollectException {
    MibView agent = agent();
    Collector collector = collector(agent);
    collector.open(null);
    PollResult result = collector.poll(CLOCK.instant());

    assertEquals(java.util.OptionalLong.of(1234), result.deviceUptimeSeconds(), "TimeTicks are 1/100 s");
    assertEquals(List.of("if1", "if2", "if3"), result.samples().stream().map(s -> s.tags().get("interface")).toList());
    Sample if2 = result.samples().get(1);
    assertEquals(64, if2.counterBits());
    assertEquals(2000L, if2.counters().get("in_octets"));
    assertEquals(4000L, if2.counters().get("out_octets"));
    assertEquals(1e9, if2.gauges().get("speed_bps"));
    // GET sysUpTime, then GETBULK walks: ifTable (3 rows, 2 per request) and ifXTable likewise.
    assertEquals(org.snmp4j.PDU.GET, agent.requests().get(0).getType());
    assertEquals(5, agent.requests().size());
    assertTrue(agent.requests().stream().skip(1).allMatch(r -> r.getMaxRepetitions() == 2));
  }

  @Test
  void pollWithoutAnOpenSessionAsksForAReopen() {
    CollectException e = assertThrows(CollectException.class, () -> collector(agent()).poll(CLOCK.instant()));
    assertEquals(CollectException.Kind.SESSION_LOST, e.kind());
    assertTrue(e.sessionBroken());
    assertTrue(e.getMessage().startsWith("device dev1: "), e.getMessage());
  }

  @Test
  void closeReleasesTheSessionAndAReopenWorks() throws CollectException {
    MibView agent = agent();
    Collector collector = collector(agent);
    collector.open(null);
    collector.close();
    assertTrue(agent.closed());
    assertThrows(CollectException.class, () -> collector.poll(CLOCK.instant()));
    collector.open(null);
    assertEquals(3, collector.poll(CLOCK.instant()).samples().size());
  }

  @Test
  void aMissingSysUpTimeNamesTheObject() throws CollectException {
    MibView agent = agent();
    agent.put("1.3.6.1.2.1.1.3.0", new Counter32(5)); // wrong type
    Collector collector = collector(agent);
    collector.open(null);
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(CLOCK.instant()));
    assertEquals(CollectException.Kind.MALFORMED_REPLY, e.kind());
    assertEquals("device dev1: malformed reply to GET SNMPv2-MIB::sysUpTime.0: sysUpTime.0 is Counter32 (5), "
        + "expected TimeTicks", e.getMessage());
  }

  @Test
  void anAgentWithoutSysUpTimeIsMalformed() throws CollectException {
    MibView agent = new MibView().put("1.3.6.1.2.1.2.2.1.2.1", new OctetString("eth0"));
    Collector collector = collector(agent);
    collector.open(null);
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(CLOCK.instant()));
    assertTrue(e.getMessage().contains("sysUpTime.0 is noSuchObject"), e.getMessage());
  }

  @Test
  void aShortReplyInTheMiddleOfAWalkNamesTheTable() throws CollectException {
    MibView agent = agent();
    int[] bulkReplies = {0};
    agent.tamper(response -> {
      if (response.getType() == org.snmp4j.PDU.RESPONSE && response.size() > 1 && ++bulkReplies[0] == 3) {
        response.clear(); // the first ifXTable reply comes back empty
      }
      return response;
    });
    Collector collector = collector(agent);
    collector.open(null);
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(CLOCK.instant()));
    assertEquals(CollectException.Kind.MALFORMED_REPLY, e.kind());
    assertTrue(e.getMessage().startsWith("device dev1: malformed reply to GETBULK IF-MIB::ifXTable: "),
        e.getMessage());
  }
}
