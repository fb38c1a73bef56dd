package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.sample.Sample;
import io.telemetry.testsupport.Corpus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The interface parser against real captures (napalm's EX virtual chassis, PyEZ's vSRX). */
class InterfaceCorpusTest {

  private static final String NAPALM = "junos/napalm/test_get_interfaces_counters/normal/";
  private static final Instant TIME = Instant.parse("2024-01-02T03:04:05.123456789Z");

  /** napalm's field -> ours; napalm's reading of the same element must equal ours. */
  private static final Map<String, String> NAPALM_FIELDS = Map.of(
      "rx_octets", "in_octets",
      "tx_octets", "out_octets",
      "rx_errors", "in_errors",
      "tx_errors", "out_errors",
      "rx_discards", "in_discards",
      "tx_discards", "out_discards");

  @Test
  void countersEqualNapalmsReadingForEveryInterface() throws Exception {
    List<Sample> samples = InterfaceInformationParser.parse("ex-vc", TIME, Corpus.read(NAPALM + "get-interface-information.xml"));
    JsonNode expected = new ObjectMapper().readTree(Corpus.file(NAPALM + "expected_result.json").toFile());

    Map<String, Sample> byName = byInterface(samples);
    assertEquals(samples.size(), byName.size(), "one sample per interface name");
    assertEquals(names(expected), new TreeSet<>(byName.keySet()), "same physical and logical interfaces as napalm");

    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (Map.Entry<String, Sample> entry : byName.entrySet()) {
      JsonNode napalm = expected.get(entry.getKey());
      for (Map.Entry<String, String> field : NAPALM_FIELDS.entrySet()) {
        long theirs = napalm.get(field.getKey()).asLong();
        Long ours = entry.getValue().counters().get(field.getValue());
        if (theirs == -1) {
          if (ours != null) {
            mismatches.add(entry.getKey() + " " + field.getValue() + ": napalm says not reported, we read " + ours);
          }
        } else {
          compared++;
          if (ours == null || ours != theirs) {
            mismatches.add(entry.getKey() + " " + field.getValue() + ": napalm " + theirs + ", we " + ours);
          }
        }
      }
    }
    assertEquals(List.of(), mismatches);
    assertTrue(compared > 300, "compared " + compared + " values");
  }

  @Test
  void napalmCaptureDetails() throws Exception {
    Map<String, Sample> byName = byInterface(
        InterfaceInformationParser.parse("ex-vc", TIME, Corpus.read(NAPALM + "get-interface-information.xml")));

    Sample ge000 = byName.get("ge-0/0/0");
    assertEquals("ex-vc", ge000.device());
    assertEquals(TIME, ge000.time());
    assertEquals(64, ge000.counterBits());
    // Packets come from traffic-statistics itself, not from its nested ipv6-transit-statistics (0 here).
    assertEquals(2237496L, ge000.counters().get("in_packets"));
    assertEquals(11182049L, ge000.counters().get("out_packets"));
    assertEquals(Map.of("admin_status", 1.0, "oper_status", 1.0), ge000.gauges(), "speed Auto is absent");
    assertEquals("snmp-index=502;local-index=130;statistics-cleared=Never", ge000.discontinuity());
    assertEquals(Map.of(), ge000.rates());

    assertEquals(1e10, byName.get("xe-0/1/0").gauges().get("speed_bps"));
    assertFalse(byName.get(".local.").gauges().containsKey("speed_bps"), "Unlimited is absent");

    Sample unit = byName.get("ge-0/0/0.0");
    assertEquals(Map.of("in_octets", 147664036L, "out_octets", 1370865391L,
        "in_packets", 1363594L, "out_packets", 8075849L), unit.counters());
    assertEquals("snmp-index=503;local-index=71;statistics-cleared=Never", unit.discontinuity());
    assertEquals(Map.of(), byName.get(".local..0").counters(), "a unit without traffic-statistics has no counters");
  }

  @Test
  void pyezReplyWithNamespacesAndJunosAttributes() throws Exception {
    List<Sample> samples = InterfaceInformationParser.parse("vsrx", TIME, Corpus.read("junos/pyez/get-interface-information.xml"));
    Map<String, Sample> byName = byInterface(samples);
    assertEquals(Set.of("ge-0/0/0", "ge-0/0/0.0", "ge-0/0/1", "ge-0/0/1.0"), byName.keySet());

    Sample ge000 = byName.get("ge-0/0/0");
    Map<String, Long> expected = new HashMap<>();
    expected.put("in_octets", 103273L);
    expected.put("out_octets", 970186L);
    expected.put("in_packets", 1207L);
    expected.put("out_packets", 3959L);
    expected.put("in_errors", 0L);
    expected.put("in_discards", 0L);
    expected.put("out_errors", 0L);
    expected.put("out_discards", 0L);
    assertEquals(expected, ge000.counters());
    assertEquals(Map.of("admin_status", 1.0, "oper_status", 1.0, "speed_bps", 1e9), ge000.gauges());
    assertEquals(Map.of("interface", "ge-0/0/0"), ge000.tags());
  }

  private static Map<String, Sample> byInterface(List<Sample> samples) {
    Map<String, Sample> byName = new LinkedHashMap<>();
    samples.forEach(s -> byName.put(s.tags().get("interface"), s));
    return byName;
  }

  private static Set<String> names(JsonNode expected) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
