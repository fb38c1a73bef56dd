package io.telemetry.collect.snmp;

import static io.telemetry.collect.snmp.IfMib.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.PollResult;
import io.telemetry.device.CounterRates;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;

class InterfaceSamplesTest {

  private static final Instant T0 = Instant.parse("2024-05-06T07:00:00Z");
  private static final Instant T1 = T0.plusSeconds(10);

  /** ifTable row of a gigabit port with 32-bit counters. */
  private static Rows ifRow(Rows rows, int ifIndex, String descr, long inOctets, long outOctets) {
    return rows.set(ifIndex, IF_DESCR, new OctetString(descr))
        .set(ifIndex, IF_SPEED, new Gauge32(1_000_000_000L))
        .set(ifIndex, IF_ADMIN_STATUS, new Integer32(1))
        .set(ifIndex, IF_OPER_STATUS, new Integer32(2))
        .set(ifIndex, IF_IN_OCTETS, new Counter32(inOctets))
        .set(ifIndex, IF_OUT_OCTETS, new Counter32(outOctets))
        .set(ifIndex, IF_IN_UCAST_PKTS, new Counter32(100))
        .set(ifIndex, IF_IN_NUCAST_PKTS, new Counter32(7))
        .set(ifIndex, IF_OUT_UCAST_PKTS, new Counter32(200))
        .set(ifIndex, IF_OUT_NUCAST_PKTS, new Counter32(9))
        .set(ifIndex, IF_IN_ERRORS, new Counter32(1))
        .set(ifIndex, IF_OUT_ERRORS, new Counter32(2))
        .set(ifIndex, IF_IN_DISCARDS, new Counter32(3))
        .set(ifIndex, IF_OUT_DISCARDS, new Counter32(4));
  }

  private static Rows ifXRow(Rows rows, int ifIndex, String name, String alias) {
    return rows.set(ifIndex, IF_NAME, new OctetString(name))
        .set(ifIndex, IF_ALIAS, new OctetString(alias))
        .set(ifIndex, IF_HIGH_SPEED, new Gauge32(10_000))
        .set(ifIndex, IF_IN_MULTICAST_PKTS, new Counter32(5))
        .set(ifIndex, IF_IN_BROADCAST_PKTS, new Counter32(6))
        .set(ifIndex, IF_OUT_MULTICAST_PKTS, new Counter32(8))
        .set(ifIndex, IF_OUT_BROADCAST_PKTS, new Counter32(1))
        .set(ifIndex, IF_COUNTER_DISCONTINUITY_TIME, new TimeTicks(4321));
  }

  private static Rows hc(Rows rows, int ifIndex, long in, long out) {
    return rows.set(ifIndex, IF_HC_IN_OCTETS, new Counter64(in))
        .set(ifIndex, IF_HC_OUT_OCTETS, new Counter64(out))
        .set(ifIndex, IF_HC_IN_UCAST_PKTS, new Counter64(5_000_000_000L))
        .set(ifIndex, IF_HC_IN_MULTICAST_PKTS, new Counter64(20))
        .set(ifIndex, IF_HC_IN_BROADCAST_PKTS, new Counter64(30))
        .set(ifIndex, IF_HC_OUT_UCAST_PKTS, new Counter64(6_000_000_000L))
        .set(ifIndex, IF_HC_OUT_MULTICAST_PKTS, new Counter64(40))
        .set(ifIndex, IF_HC_OUT_BROADCAST_PKTS, new Counter64(50));
  }

  private static Sample only(List<Sample> samples, String name) {
    List<Sample> matching = samples.stream().filter(s -> name.equals(s.tags().get("interface"))).toList();
    assertEquals(1, matching.size(), "samples named " + name + " in " + samples);
    return matching.get(0);
  }

  @Test
  void hcCountersMakeA64BitSampleNamedByIfName() throws CollectException {
    WalkedTable ifTable = ifRow(Rows.of(IF_TABLE, T0), 10101, "GigabitEthernet1/0/1", 11, 22).table();
    WalkedTable ifXTable = hc(ifXRow(Rows.of(IF_X_TABLE, T0), 10101, "Gi1/0/1", "uplink to core"), 10101,
        0xFFFF_FFFF_FFFFL, 1L << 40).table();

    Sample s = only(InterfaceSamples.parse("sw1", ifTable, ifXTable), "Gi1/0/1");

    assertEquals("sw1", s.device());
    assertEquals("interface", s.family());
    assertEquals(T0, s.time());
    assertEquals(Map.of("interface", "Gi1/0/1", "description", "uplink to core"), s.tags());
    assertEquals(64, s.counterBits());
    assertEquals(Map.of(
        "in_octets", 0xFFFF_FFFF_FFFFL, "out_octets", 1L << 40,
        "in_packets", 5_000_000_050L, "out_packets", 6_000_000_090L,
        "in_errors", 1L, "out_errors", 2L, "in_discards", 3L, "out_discards", 4L), s.counters());
    assertEquals(Map.of("admin_status", 1.0, "oper_status", 0.0, "speed_bps", 1e10), s.gauges());
    assertEquals("ifIndex=10101;ifCounterDiscontinuityTime=4321", s.discontinuity());
    assertTrue(s.rates().isEmpty());
  }

  @Test
  void rowsWithoutHcCountersFallBackTo32BitEachOnItsOwn() throws CollectException {
    Rows ifRows = ifRow(Rows.of(IF_TABLE, T0), 1, "GigabitEthernet1/0/1", 11, 22);
    ifRow(ifRows, 5179, "StackPort1", 33, 44);
    Rows ifXRows = hc(ifXRow(Rows.of(IF_X_TABLE, T0), 1, "Gi1/0/1", ""), 1, 111, 222);
    ifXRow(ifXRows, 5179, "StackPort1", ""); // ifXTable row without the HC columns

    List<Sample> samples = InterfaceSamples.parse("sw1", ifRows.table(), ifXRows.table());

    assertEquals(64, only(samples, "Gi1/0/1").counterBits());
    assertEquals(111L, only(samples, "Gi1/0/1").counters().get("in_octets"));
    Sample stack = only(samples, "StackPort1");
    assertEquals(32, stack.counterBits());
    assertEquals(33L, stack.counters().get("in_octets"));
    assertEquals(44L, stack.counters().get("out_octets"));
    // ucast + ifXTable's 32-bit multicast + broadcast
    assertEquals(100L + 5 + 6, stack.counters().get("in_packets"));
    assertEquals(200L + 8 + 1, stack.counters().get("out_packets"));
    assertEquals(Map.of("interface", "StackPort1"), stack.tags(), "blank ifAlias gives no description tag");
  }

  @Test
  void onlyOneHcOctetCounterIsNotEnoughFor64Bits() throws CollectException {
    WalkedTable ifTable = ifRow(Rows.of(IF_TABLE, T0), 3, "eth0", 11, 22).table();
    WalkedTable ifXTable = ifXRow(Rows.of(IF_X_TABLE, T0), 3, "eth0", "")
        .set(3, IF_HC_IN_OCTETS, new Counter64(5_000_000_000L)).table();

    Sample s = only(InterfaceSamples.parse("h1", ifTable, ifXTable), "eth0");
    assertEquals(32, s.counterBits());
    assertEquals(11L, s.counters().get("in_octets"), "a 32-bit sample never carries a 64-bit value");
  }

  @Test
  void withoutIfXTableTheSampleUsesIfTableOnly() throws CollectException {
    WalkedTable ifTable = ifRow(Rows.of(IF_TABLE, T0), 2, "eth0", 11, 22).table();
    WalkedTable noIfXTable = Rows.of(IF_X_TABLE, T0).table();

    Sample s = only(InterfaceSamples.parse("h1", ifTable, noIfXTable), "eth0");

    assertEquals(Map.of("interface", "eth0"), s.tags(), "ifDescr names it; no alias without ifXTable");
    assertEquals(32, s.counterBits());
    assertEquals(Map.of(
        "in_octets", 11L, "out_octets", 22L,
        "in_packets", 107L, "out_packets", 209L, // ucast + the deprecated NUcast
        "in_errors", 1L, "out_errors", 2L, "in_discards", 3L, "out_discards", 4L), s.counters());
    assertEquals(1e9, s.gauges().get("speed_bps"), "ifSpeed in bit/s");
    assertEquals("ifIndex=2", s.discontinuity());
  }

  @Test
  void packetSumsWrapLikeACounterOfTheSampleWidth() throws CollectException {
    Rows ifRows = ifRow(Rows.of(IF_TABLE, T0), 2, "eth0", 11, 22)
        .set(2, IF_IN_UCAST_PKTS, new Counter32(0xFFFF_FFF0L))
        .set(2, IF_IN_NUCAST_PKTS, new Counter32(0x20));
    Sample s = only(InterfaceSamples.parse("h1", ifRows.table(), Rows.of(IF_X_TABLE, T0).table()), "eth0");
    assertEquals(0x10L, s.counters().get("in_packets"));
  }

  @Test
  void a32BitWrapBetweenPollsGivesTheRightRate() throws CollectException {
    CounterRates rates = new CounterRates();
    WalkedTable noIfX = Rows.of(IF_X_TABLE, T0).table();
    List<Sample> first = InterfaceSamples.parse("h1", ifRow(Rows.of(IF_TABLE, T0), 2, "eth0", 4_294_967_000L, 0)
        .table(), noIfX);
    List<Sample> second = InterfaceSamples.parse("h1", ifRow(Rows.of(IF_TABLE, T1), 2, "eth0", 704L, 500)
        .table(), noIfX);

    rates.apply(new PollResult(first, OptionalLong.of(1000)));
    Sample after = rates.apply(new PollResult(second, OptionalLong.of(1010))).get(0);

    assertEquals(32, after.counterBits());
    // 4294967000 -> 2^32 -> 704: 296 + 704 = 1000 octets in 10 s
    assertEquals(100.0, after.rates().get("in_octets"), 1e-9);
    assertEquals(50.0, after.rates().get("out_octets"), 1e-9);
  }

  @Test
  void aNewDiscontinuityTimeGivesNoRateForThatStep() throws CollectException {
    CounterRates rates = new CounterRates();
    WalkedTable ifTable0 = ifRow(Rows.of(IF_TABLE, T0), 7, "eth7", 1000, 0).table();
    WalkedTable ifTable1 = ifRow(Rows.of(IF_TABLE, T1), 7, "eth7", 5000, 0).table();
    WalkedTable ifX0 = hc(ifXRow(Rows.of(IF_X_TABLE, T0), 7, "eth7", ""), 7, 1_000_000, 0).table();
    WalkedTable ifX1 = hc(ifXRow(Rows.of(IF_X_TABLE, T1), 7, "eth7", ""), 7, 9_000_000, 0)
        .set(7, IF_COUNTER_DISCONTINUITY_TIME, new TimeTicks(99_000)).table(); // counters were cleared

    Sample first = InterfaceSamples.parse("h1", ifTable0, ifX0).get(0);
    Sample second = InterfaceSamples.parse("h1", ifTable1, ifX1).get(0);
    assertEquals("ifIndex=7;ifCounterDiscontinuityTime=4321", first.discontinuity());
    assertEquals("ifIndex=7;ifCounterDiscontinuityTime=99000", second.discontinuity());

    rates.apply(new PollResult(List.of(first), OptionalLong.of(1000)));
    assertTrue(rates.apply(new PollResult(List.of(second), OptionalLong.of(1010))).get(0).rates().isEmpty());
  }

  @Test
  void aNewIfIndexForTheSameNameGivesNoRateForThatStep() throws CollectException {
    CounterRates rates = new CounterRates();
    WalkedTable noIfX = Rows.of(IF_X_TABLE, T0).table();
    rates.apply(new PollResult(InterfaceSamples.parse("h1", ifRow(Rows.of(IF_TABLE, T0), 7, "tun0", 1000, 0)
        .table(), noIfX), OptionalLong.empty()));
    Sample recreated = rates.apply(new PollResult(InterfaceSamples.parse("h1", ifRow(Rows.of(IF_TABLE, T1), 8,
        "tun0", 5000, 0).table(), noIfX), OptionalLong.empty())).get(0);
    assertEquals("ifIndex=8", recreated.discontinuity());
    assertTrue(recreated.rates().isEmpty());
  }

  @Test
  void statusAndSpeedMapping() {
    assertEquals(List.of(1.0, 0.0), List.of(InterfaceSamples.adminStatus(java.util.OptionalInt.of(1)).get(),
        InterfaceSamples.adminStatus(java.util.OptionalInt.of(2)).get()));
    assertTrue(InterfaceSamples.adminStatus(java.util.OptionalInt.of(3)).isEmpty(), "testing");
    for (int down : new int[] {2, 6, 7}) {
      assertEquals(0.0, InterfaceSamples.operStatus(java.util.OptionalInt.of(down)).get(), "ifOperStatus " + down);
    }
    for (int undecided : new int[] {3, 4, 5}) {
      assertTrue(InterfaceSamples.operStatus(java.util.OptionalInt.of(undecided)).isEmpty(), "ifOperStatus " + undecided);
    }
    assertEquals(1e11, InterfaceSamples.speedBps(OptionalLong.of(100_000), OptionalLong.of(0xFFFF_FFFFL)).get());
    assertEquals(64_000.0, InterfaceSamples.speedBps(OptionalLong.of(0), OptionalLong.of(64_000)).get(),
        "sub-Mb/s links report ifHighSpeed 0");
    assertTrue(InterfaceSamples.speedBps(OptionalLong.empty(), OptionalLong.of(0xFFFF_FFFFL)).isEmpty(),
        "a saturated ifSpeed without ifHighSpeed is only a lower bound");
    assertTrue(InterfaceSamples.speedBps(OptionalLong.of(0), OptionalLong.of(0)).isEmpty());
  }

  @Test
  void duplicateNamesAreToldApartByIfIndex() throws CollectException {
    Rows ifRows = ifRow(Rows.of(IF_TABLE, T0), 4, "veth", 1, 1);
    ifRow(ifRows, 9, "veth", 2, 2);
    ifRow(ifRows, 11, "lo", 3, 3);
    List<Sample> samples = InterfaceSamples.parse("h1", ifRows.table(), Rows.of(IF_X_TABLE, T0).table());
    assertEquals(List.of("veth#4", "veth#9", "lo"), samples.stream().map(s -> s.tags().get("interface")).toList());
  }

  @Test
  void aRowWithoutAnyNameIsNamedByItsIfIndex() throws CollectException {
    WalkedTable ifTable = Rows.of(IF_TABLE, T0).set(12, IF_IN_OCTETS, new Counter32(5)).table();
    Sample s = InterfaceSamples.parse("h1", ifTable, Rows.of(IF_X_TABLE, T0).table()).get(0);
    assertEquals("ifIndex.12", s.tags().get("interface"));
    assertFalse(s.counters().containsKey("in_packets"), "absent, never 0");
  }

  @Test
  void trailingNulsAreNotPartOfANameAndUtf8AliasesSurvive() throws CollectException {
    WalkedTable ifTable = ifRow(Rows.of(IF_TABLE, T0), 1, "eth0", 1, 1).table();
    WalkedTable ifXTable = Rows.of(IF_X_TABLE, T0)
        .set(1, IF_NAME, new OctetString(new byte[] {'e', 't', 'h', '0', 0}))
        .set(1, IF_ALIAS, new OctetString("Zürich–Basel".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .table();
    Sample s = InterfaceSamples.parse("h1", ifTable, ifXTable).get(0);
    assertEquals(Map.of("interface", "eth0", "description", "Zürich–Basel"), s.tags());
  }

  @Test
  void aValueOfTheWrongTypeNamesDeviceTableColumnAndIfIndex() {
    WalkedTable ifTable = ifRow(Rows.of(IF_TABLE, T0), 1, "eth0", 1, 1).table();
    WalkedTable ifXTable = Rows.of(IF_X_TABLE, T0)
        .set(1, IF_HC_IN_OCTETS, new Counter32(5)).set(1, IF_HC_OUT_OCTETS, new Counter64(5)).table();
    CollectException e = assertThrows(CollectException.class, () -> InterfaceSamples.parse("sw9", ifTable, ifXTable));
    assertEquals(CollectException.Kind.MALFORMED_REPLY, e.kind());
    assertFalse(e.sessionBroken());
    assertEquals("device sw9: malformed reply to GETBULK IF-MIB::ifXTable: ifHCInOctets.1 is Counter32 (5), "
        + "expected Counter64", e.getMessage());
  }

  @Test
  void anIndexThatIsNoIfIndexNamesTheTable() {
    WalkedTable ifTable = Rows.of(IF_TABLE, T0).set(new OID("1.2"), IF_DESCR, new OctetString("x")).table();
    CollectException e = assertThrows(CollectException.class,
        () -> InterfaceSamples.parse("sw9", ifTable, Rows.of(IF_X_TABLE, T0).table()));
    assertTrue(e.getMessage().startsWith("device sw9: malformed reply to GETBULK IF-MIB::ifTable: row index 1.2"),
        e.getMessage());
  }

  @Test
  void anEmptyIfTableIsAnErrorNamingTheTable() {
    CollectException e = assertThrows(CollectException.class,
        () -> InterfaceSamples.parse("sw9", Rows.of(IF_TABLE, T0).table(), Rows.of(IF_X_TABLE, T0).table()));
    assertEquals(CollectException.Kind.MALFORMED_REPLY, e.kind());
    assertTrue(e.getMessage().contains("IF-MIB::ifTable: the table has no rows"), e.getMessage());
  }

  @Test
  void ifXTableRowsWithoutAnIfTableRowAreIgnored() throws CollectException {
    WalkedTable ifTable = ifRow(Rows.of(IF_TABLE, T0), 1, "eth0", 1, 1).table();
    WalkedTable ifXTable = ifXRow(Rows.of(IF_X_TABLE, T0), 99, "ghost", "").table();
    assertEquals(List.of("eth0"), InterfaceSamples.parse("h1", ifTable, ifXTable).stream()
        .map(s -> s.tags().get("interface")).toList());
  }
}
