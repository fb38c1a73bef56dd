package io.telemetry.collect.snmp;

import static io.telemetry.collect.snmp.IfMib.*;

import io.telemetry.collect.CollectException;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.snmp4j.smi.OID;

/**
 * Turns walked IF-MIB rows into {@code interface} samples with the same field names as the
 * NETCONF collectors (see README.md for the mapping and its reasons). One sample per ifTable row;
 * ifXTable rows (which augment ifTable) add names, aliases, 64-bit counters and ifHighSpeed.
 */
final class InterfaceSamples {

  static final String FAMILY = "interface";
  private static final long MASK_32 = 0xFFFF_FFFFL;

  private InterfaceSamples() {}

  /**
   * @param ifTable  the walked ifTable
   * @param ifXTable the walked ifXTable; no rows when the agent has none
   */
  static List<Sample> parse(String device, WalkedTable ifTable, WalkedTable ifXTable) throws CollectException {
    if (ifTable.rows().isEmpty()) {
      throw SnmpReplies.malformed(device, "GETBULK " + ifTable.table().name(), "the table has no rows (is IF-MIB "
          + "in the agent's view for this community or user?)");
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<OID, Map<Column, WalkedTable.Cell>> entry : ifTable.rows().entrySet()) {
      int ifIndex = ifIndex(device, ifTable.table(), entry.getKey());
      RowValues ifRow = new RowValues(device, ifTable.table(), ifIndex, entry.getValue());
      RowValues ifXRow = new RowValues(device, ifXTable.table(), ifIndex,
          ifXTable.rows().getOrDefault(entry.getKey(), Map.of()));
      rows.add(row(device, ifIndex, ifRow, ifXRow));
    }
    Map<String, Integer> nameCounts = new HashMap<>();
    rows.forEach(r -> nameCounts.merge(r.name(), 1, Integer::sum));

    List<Sample> samples = new ArrayList<>(rows.size());
    for (Row r : rows) {
      // Two rows with one name would be one series and give nonsense rates; tell them apart.
      String name = nameCounts.get(r.name()) > 1 ? r.name() + "#" + r.ifIndex() : r.name();
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("interface", name);
      r.alias().ifPresent(alias -> tags.put("description", alias));
      samples.add(new Sample(device, FAMILY, r.time(), tags, r.counters(), r.gauges(), Map.of(), r.counterBits(),
          r.discontinuity()));
    }
    return samples;
  }

  private record Row(int ifIndex, String name, Optional<String> alias, Instant time, Map<String, Long> counters,
      Map<String, Double> gauges, int counterBits, String discontinuity) {}

  private static Row row(String device, int ifIndex, RowValues ifRow, RowValues ifXRow) throws CollectException {
    Optional<String> descr = ifRow.text(IF_DESCR);
    String name = ifXRow.text(IF_NAME).or(() -> descr).orElse("ifIndex." + ifIndex);
    Optional<String> alias = ifXRow.text(IF_ALIAS);

    OptionalLong hcIn = ifXRow.counter64(IF_HC_IN_OCTETS);
    OptionalLong hcOut = ifXRow.counter64(IF_HC_OUT_OCTETS);
    boolean wide = hcIn.isPresent() && hcOut.isPresent();

    Map<String, Long> counters = new LinkedHashMap<>();
    if (wide) {
      counters.put("in_octets", hcIn.getAsLong());
      counters.put("out_octets", hcOut.getAsLong());
    } else {
      put(counters, "in_octets", ifRow.counter32(IF_IN_OCTETS));
      put(counters, "out_octets", ifRow.counter32(IF_OUT_OCTETS));
    }
    put(counters, "in_packets", packets(wide, ifRow, ifXRow, IF_IN_UCAST_PKTS, IF_IN_NUCAST_PKTS,
        IF_IN_MULTICAST_PKTS, IF_IN_BROADCAST_PKTS, IF_HC_IN_UCAST_PKTS, IF_HC_IN_MULTICAST_PKTS,
        IF_HC_IN_BROADCAST_PKTS));
    put(counters, "out_packets", packets(wide, ifRow, ifXRow, IF_OUT_UCAST_PKTS, IF_OUT_NUCAST_PKTS,
        IF_OUT_MULTICAST_PKTS, IF_OUT_BROADCAST_PKTS, IF_HC_OUT_UCAST_PKTS, IF_HC_OUT_MULTICAST_PKTS,
        IF_HC_OUT_BROADCAST_PKTS));
    // IF-MIB has no 64-bit error or discard counters.
    put(counters, "in_errors", ifRow.counter32(IF_IN_ERRORS));
    put(counters, "out_errors", ifRow.counter32(IF_OUT_ERRORS));
    put(counters, "in_discards", ifRow.counter32(IF_IN_DISCARDS));
    put(counters, "out_discards", ifRow.counter32(IF_OUT_DISCARDS));

    Map<String, Double> gauges = new LinkedHashMap<>();
    adminStatus(ifRow.integer(IF_ADMIN_STATUS)).ifPresent(v -> gauges.put("admin_status", v));
    operStatus(ifRow.integer(IF_OPER_STATUS)).ifPresent(v -> gauges.put("oper_status", v));
    speedBps(ifXRow.gauge32(IF_HIGH_SPEED), ifRow.gauge32(IF_SPEED)).ifPresent(v -> gauges.put("speed_bps", v));

    OptionalLong discontinuityTime = ifXRow.timeTicks(IF_COUNTER_DISCONTINUITY_TIME);
    String discontinuity = "ifIndex=" + ifIndex
        + (discontinuityTime.isPresent() ? ";ifCounterDiscontinuityTime=" + discontinuityTime.getAsLong() : "");

    // Stamped with the arrival of the reply that carried the row's in-octets, so that successive
    // polls divide by the time between two readings of the same counter.
    Instant time = (wide ? ifXRow.received(IF_HC_IN_OCTETS) : ifRow.received(IF_IN_OCTETS))
        .or(ifRow::lastReceived)
        .orElseThrow();
    return new Row(ifIndex, name, alias, time, counters, gauges, wide ? 64 : 32, discontinuity);
  }

  /**
   * All packets (unicast + multicast + broadcast), as Junos counts input-packets. From the HC
   * columns when the sample is 64-bit and all three are there; otherwise the 32-bit columns, with
   * ifInNUcastPkts standing in for multicast + broadcast when ifXTable lacks them. Sums are taken
   * modulo the counter width, so that they wrap like a counter of that width.
   */
  private static OptionalLong packets(boolean wide, RowValues ifRow, RowValues ifXRow, Column ucast, Column nucast,
      Column multicast, Column broadcast, Column hcUcast, Column hcMulticast, Column hcBroadcast)
      throws CollectException {
    if (wide) {
      OptionalLong u = ifXRow.counter64(hcUcast);
      OptionalLong m = ifXRow.counter64(hcMulticast);
      OptionalLong b = ifXRow.counter64(hcBroadcast);
      if (u.isPresent() && m.isPresent() && b.isPresent()) {
        return OptionalLong.of(u.getAsLong() + m.getAsLong() + b.getAsLong()); // wraps modulo 2^64
      }
    }
    OptionalLong u = ifRow.counter32(ucast);
    if (u.isEmpty()) {
      return OptionalLong.empty();
    }
    OptionalLong m = ifXRow.counter32(multicast);
    OptionalLong b = ifXRow.counter32(broadcast);
    if (m.isPresent() && b.isPresent()) {
      return OptionalLong.of((u.getAsLong() + m.getAsLong() + b.getAsLong()) & MASK_32);
    }
    OptionalLong n = ifRow.counter32(nucast);
    return n.isPresent() ? OptionalLong.of((u.getAsLong() + n.getAsLong()) & MASK_32) : OptionalLong.empty();
  }

  /** ifAdminStatus: up(1) 1, down(2) 0, testing(3) absent. */
  static Optional<Double> adminStatus(OptionalInt value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return switch (value.getAsInt()) {
      case 1 -> Optional.of(1.0);
      case 2 -> Optional.of(0.0);
      default -> Optional.empty();
    };
  }

  /**
   * ifOperStatus: up(1) 1; down(2), notPresent(6), lowerLayerDown(7) 0; testing(3), unknown(4),
   * dormant(5) absent (neither passing traffic nor known to be down).
   */
  static Optional<Double> operStatus(OptionalInt value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return switch (value.getAsInt()) {
      case 1 -> Optional.of(1.0);
      case 2, 6, 7 -> Optional.of(0.0);
      default -> Optional.empty();
    };
  }

  /**
   * ifHighSpeed (Mb/s) x 1e6; when it is 0 or missing (sub-Mb/s links, no ifXTable), ifSpeed in
   * bit/s unless saturated at 2^32-1 ("see ifHighSpeed"). 0 everywhere means no known speed: absent.
   */
  static Optional<Double> speedBps(OptionalLong ifHighSpeed, OptionalLong ifSpeed) {
    if (ifHighSpeed.isPresent() && ifHighSpeed.getAsLong() > 0) {
      return Optional.of(ifHighSpeed.getAsLong() * 1e6);
    }
    if (ifSpeed.isPresent() && ifSpeed.getAsLong() > 0 && ifSpeed.getAsLong() < MASK_32) {
      return Optional.of((double) ifSpeed.getAsLong());
    }
    return Optional.empty();
  }

  private static int ifIndex(String device, Table table, OID index) throws CollectException {
    if (index.size() != 1 || index.get(0) < 1) {
      throw SnmpReplies.malformed(device, "GETBULK " + table.name(), "row index " + index
          + " is not an ifIndex (one sub-identifier, 1..2147483647)");
    }
    return index.get(0);
  }

  private static void put(Map<String, Long> counters, String field, OptionalLong value) {
    value.ifPresent(v -> counters.put(field, v));
  }
}
