package io.telemetry.it.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.telemetry.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the collector must report for each interface, worked out from net-snmp's snmpwalk output of
 * ifTable and ifXTable with the mapping the collector's README documents. Written independently of
 * the collector so that a mistake in either shows up as a difference.
 */
public final class ExpectedInterfaces {

  public static final String IF_TABLE = "1.3.6.1.2.1.2.2.1";
  public static final String IF_X_TABLE = "1.3.6.1.2.1.31.1.1.1";
  private static final long MASK_32 = 0xFFFF_FFFFL;

  /** One interface as the collector must report it. */
  public record Expected(int ifIndex, Map<String, String> tags, Map<String, Long> counters, Map<String, Double> gauges,
      int counterBits, String discontinuity) {}

  private ExpectedInterfaces() {}

  /** By ifIndex. */
  public static Map<Integer, Expected> from(Map<String, SnmpValue> ifTable, Map<String, SnmpValue> ifXTable) {
    TreeSet<Integer> indexes = new TreeSet<>();
    ifTable.keySet().forEach(oid -> indexes.add(Integer.parseInt(oid.substring(oid.lastIndexOf('.') + 1))));
    Map<Integer, String> names = new TreeMap<>();
    for (int i : indexes) {
      names.put(i, text(ifXTable, IF_X_TABLE, 1, i).or(() -> text(ifTable, IF_TABLE, 2, i)).orElse("ifIndex." + i));
    }
    Map<String, Long> nameCounts = names.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));

    Map<Integer, Expected> expected = new TreeMap<>();
    for (int i : indexes) {
      Function<Integer, OptionalLong> t = col -> number(ifTable, IF_TABLE, col, i);
      Function<Integer, OptionalLong> x = col -> number(ifXTable, IF_X_TABLE, col, i);
      Map<String, String> tags = new HashMap<>();
      String name = names.get(i);
      tags.put("interface", nameCounts.get(name) > 1 ? name + "#" + i : name);
      text(ifXTable, IF_X_TABLE, 18, i).ifPresent(alias -> tags.put("description", alias));

      boolean wide = x.apply(6).isPresent() && x.apply(10).isPresent();
      Map<String, Long> counters = new LinkedHashMap<>();
      put(counters, "in_octets", wide ? x.apply(6) : t.apply(10));
      put(counters, "out_octets", wide ? x.apply(10) : t.apply(16));
      put(counters, "in_packets", packets(wide, t, x, 11, 12, 2, 3, 7, 8, 9));
      put(counters, "out_packets", packets(wide, t, x, 17, 18, 4, 5, 11, 12, 13));
      put(counters, "in_errors", t.apply(14));
      put(counters, "out_errors", t.apply(20));
      put(counters, "in_discards", t.apply(13));
      put(counters, "out_discards", t.apply(19));

      Map<String, Double> gauges = new LinkedHashMap<>();
      t.apply(7).ifPresent(v -> {
        if (v == 1 || v == 2) {
          gauges.put("admin_status", v == 1 ? 1.0 : 0.0);
        }
      });
      t.apply(8).ifPresent(v -> {
        if (v == 1) {
          gauges.put("oper_status", 1.0);
        } else if (v == 2 || v == 6 || v == 7) {
          gauges.put("oper_status", 0.0);
        }
      });
      OptionalLong highSpeed = x.apply(15);
      OptionalLong speed = t.apply(5);
      if (highSpeed.isPresent() && highSpeed.getAsLong() > 0) {
        gauges.put("speed_bps", highSpeed.getAsLong() * 1e6);
      } else if (speed.isPresent() && speed.getAsLong() > 0 && speed.getAsLong() < MASK_32) {
        gauges.put("speed_bps", (double) speed.getAsLong());
      }
      OptionalLong discontinuityTime = x.apply(19);
      String discontinuity = "ifIndex=" + i
          + (discontinuityTime.isPresent() ? ";ifCounterDiscontinuityTime=" + discontinuityTime.getAsLong() : "");
      expected.put(i, new Expected(i, tags, counters, gauges, wide ? 64 : 32, discontinuity));
    }
    return expected;
  }

  /** Every interface reported once, each exactly as expected. */
  public static void assertSamplesMatch(String device, Map<Integer, Expected> expected, Iterable<Sample> samples) {
    Map<String, Expected> byName = new TreeMap<>();
    expected.values().forEach(e -> byName.put(e.tags().get("interface"), e));
    Map<String, Sample> actual = new TreeMap<>();
    for (Sample s : samples) {
      assertEquals(device, s.device());
      assertEquals("interface", s.family());
      assertEquals(null, actual.put(s.tags().get("interface"), s), "interface reported twice: " + s.tags());
    }
    assertEquals(byName.keySet(), actual.keySet(), "interfaces");
    byName.forEach((name, e) -> {
      Sample s = actual.get(name);
      String where = name + " (ifIndex " + e.ifIndex() + ")";
      assertEquals(e.tags(), s.tags(), where + " tags");
      assertEquals(e.counters(), s.counters(), where + " counters");
      assertEquals(e.gauges(), s.gauges(), where + " gauges");
      assertEquals(e.counterBits(), s.counterBits(), where + " counterBits");
      assertEquals(e.discontinuity(), s.discontinuity(), where + " discontinuity");
    });
  }

  private static OptionalLong packets(boolean wide, Function<Integer, OptionalLong> t, Function<Integer, OptionalLong> x,
      int ucast, int nucast, int multicast, int broadcast, int hcUcast, int hcMulticast, int hcBroadcast) {
    if (wide && x.apply(hcUcast).isPresent() && x.apply(hcMulticast).isPresent() && x.apply(hcBroadcast).isPresent()) {
      return OptionalLong.of(x.apply(hcUcast).getAsLong() + x.apply(hcMulticast).getAsLong()
          + x.apply(hcBroadcast).getAsLong());
    }
    if (t.apply(ucast).isEmpty()) {
      return OptionalLong.empty();
    }
    long u = t.apply(ucast).getAsLong();
    if (x.apply(multicast).isPresent() && x.apply(broadcast).isPresent()) {
      return OptionalLong.of((u + x.apply(multicast).getAsLong() + x.apply(broadcast).getAsLong()) & MASK_32);
    }
    return t.apply(nucast).isPresent() ? OptionalLong.of((u + t.apply(nucast).getAsLong()) & MASK_32)
        : OptionalLong.empty();
  }

  private static OptionalLong number(Map<String, SnmpValue> walk, String table, int column, int ifIndex) {
    SnmpValue value = walk.get(table + "." + column + "." + ifIndex);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value.number());
  }

  /** DisplayString: UTF-8 text without trailing NULs; blank counts as absent. */
  private static Optional<String> text(Map<String, SnmpValue> walk, String table, int column, int ifIndex) {
    SnmpValue value = walk.get(table + "." + column + "." + ifIndex);
    if (value == null) {
      return Optional.empty();
    }
    String text = new String(value.bytes(), StandardCharsets.UTF_8).replaceAll("\u0000+$", "");
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  private static void put(Map<String, Long> counters, String field, OptionalLong value) {
    value.ifPresent(v -> counters.put(field, v));
  }
}
