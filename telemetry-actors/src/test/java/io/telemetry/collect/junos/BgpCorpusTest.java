package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.sample.Sample;
import io.telemetry.testsupport.Corpus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BGP summary parser against napalm's {@code test_get_bgp_neighbors/normal} capture: one
 * summary reply per routing instance (napalm asks per instance too; its "global" is Junos'
 * {@code master}, our {@code default}). napalm reads state and prefix counts from the neighbor
 * replies and the uptime from the summary; the summary alone must give the same per peer.
 */
class BgpCorpusTest {

  private static final String DIR = "junos/napalm/test_get_bgp_neighbors/normal/";
  private static final Instant TIME = Instant.parse("2024-01-02T03:04:05Z");
  /** napalm's instance name -> the Junos instance its capture file is named after. */
  private static final Map<String, String> NAPALM_INSTANCES = Map.of("global", "master", "frontend", "frontend",
      "backend", "backend");

  private static BgpSummaryParser.Result summary(String junosInstance) throws Exception {
    return BgpSummaryParser.parse("mx", TIME, Corpus.read(DIR + "get-bgp-summary-information" + junosInstance + ".xml"),
        Optional.of(junosInstance));
  }

  @Test
  void peersStateUptimeAndPrefixesEqualNapalmsReading() throws Exception {
    JsonNode expected = new ObjectMapper().readTree(Corpus.file(DIR + "expected_result.json").toFile());
    List<String> mismatches = new ArrayList<>();
    Set<String> ourPeers = new TreeSet<>();
    Set<String> theirPeers = new TreeSet<>();
    int comparedPrefixes = 0;
    for (Map.Entry<String, String> instance : NAPALM_INSTANCES.entrySet()) {
      BgpSummaryParser.Result result = summary(instance.getValue());
      String ourInstance = instance.getValue().equals("master") ? "default" : instance.getValue();
      result.peers().forEach(p -> {
        assertEquals(ourInstance, p.tags().get("instance"));
        ourPeers.add(ourInstance + " " + p.tags().get("peer"));
      });
      JsonNode napalmInstance = expected.get(instance.getKey());
      if (napalmInstance == null) {
        continue; // napalm leaves out instances without peers (backend)
      }
      for (Iterator<String> it = napalmInstance.get("peers").fieldNames(); it.hasNext(); ) {
        String address = it.next();
        theirPeers.add(ourInstance + " " + address);
        JsonNode theirs = napalmInstance.get("peers").get(address);
        Sample peer = result.peers().stream().filter(p -> address.equals(p.tags().get("peer"))).findFirst().orElse(null);
        if (peer == null) {
          mismatches.add(instance + " " + address + ": missing");
          continue;
        }
        Map<String, Double> g = peer.gauges();
        check(mismatches, address + " is_up", theirs.get("is_up").asBoolean() ? 1.0 : 0.0, g.get("state"));
        check(mismatches, address + " uptime", theirs.get("uptime").asDouble(), g.get("state_seconds"));
        check(mismatches, address + " remote_as", theirs.get("remote_as").asText(), peer.tags().get("peer_as"));
        for (String family : List.of("ipv4", "ipv6")) {
          JsonNode counts = theirs.get("address_family").get(family);
          List<Sample> tables = result.ribs().stream()
              .filter(r -> address.equals(r.tags().get("peer")))
              .filter(r -> family.equals(napalmFamily(r.tags().get("table"), instance.getValue())))
              .toList();
          if (counts.get("received_prefixes").asLong() == -1) {
            // napalm reports nothing for a peer that is down, or whose tables its name rule cannot place
            if (g.get("state") == 1.0 && !tables.isEmpty()) {
              mismatches.add(address + " " + family + ": napalm has no counts but maps table " + tables);
            }
            continue;
          }
          if (tables.size() != 1) {
            mismatches.add(address + " " + family + ": expected one table, got " + tables);
            continue;
          }
          check(mismatches, address + " " + family + " received", counts.get("received_prefixes").asDouble(),
              tables.get(0).gauges().get("received_prefixes"));
          check(mismatches, address + " " + family + " accepted", counts.get("accepted_prefixes").asDouble(),
              tables.get(0).gauges().get("accepted_prefixes"));
          comparedPrefixes++;
        }
      }
    }
    assertEquals(List.of(), mismatches);
    assertEquals(theirPeers, ourPeers, "the same peers in the same instances");
    assertTrue(comparedPrefixes >= 4, "compared " + comparedPrefixes + " address families");
  }

  /**
   * napalm's {@code _get_address_family}: the master instance's tables are named {@code inet.0},
   * so it takes what comes before the last dot; other instances' are {@code name.inet.0}, so it
   * takes the second-to-last part. Names that do not fit give no family (napalm's -1).
   */
  private static String napalmFamily(String table, String junosInstance) {
    String[] parts = table.split("\\.");
    String family = "master".equals(junosInstance) ? table.substring(0, table.lastIndexOf('.')) : parts[parts.length - 2];
    return Map.of("inet", "ipv4", "inet6", "ipv6").get(family);
  }

  private static void check(List<String> mismatches, String what, Object napalm, Object ours) {
    if (!napalm.equals(ours)) {
      mismatches.add(what + ": napalm " + napalm + ", we " + ours);
    }
  }

  /** Flaps and message counts of the summary equal those of the neighbor (detail) capture. */
  @Test
  void countersEqualTheNeighborReplies() throws Exception {
    int compared = 0;
    for (String instance : List.of("master", "frontend")) {
      Map<String, Map<String, Long>> detail = neighborCounters(Corpus.read(DIR + "get-bgp-neighbor-information" + instance + ".xml"));
      for (Sample peer : summary(instance).peers()) {
        Map<String, Long> theirs = detail.get(peer.tags().get("peer"));
        if (theirs == null) {
          continue; // the neighbor capture lists fewer peers than the summary
        }
        assertEquals(theirs.get("flap-count"), peer.counters().get("flaps"), peer.tags() + " flaps");
        if (theirs.containsKey("input-messages")) {
          assertEquals(theirs.get("input-messages"), peer.counters().get("in_messages"), peer.tags() + " in");
          assertEquals(theirs.get("output-messages"), peer.counters().get("out_messages"), peer.tags() + " out");
        }
        compared++;
      }
    }
    assertTrue(compared >= 5, "compared " + compared + " peers");
  }

  /** The neighbor capture read with plain DOM, by peer address without its port. */
  private static Map<String, Map<String, Long>> neighborCounters(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    NodeList peers = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .getElementsByTagName("bgp-peer");
    Map<String, Map<String, Long>> byPeer = new HashMap<>();
    for (int i = 0; i < peers.getLength(); i++) {
      Element peer = (Element) peers.item(i);
      Map<String, Long> values = new HashMap<>();
      for (String name : List.of("flap-count", "input-messages", "output-messages")) {
        NodeList found = peer.getElementsByTagName(name);
        if (found.getLength() > 0) {
          values.put(name, Long.parseLong(found.item(0).getTextContent().trim()));
        }
      }
      String address = peer.getElementsByTagName("peer-address").item(0).getTextContent().trim();
      byPeer.put(address.split("\\+")[0], values);
    }
    return byPeer;
  }

  @Test
  void frontendDetails() throws Exception {
    BgpSummaryParser.Result result = summary("frontend");
    assertEquals(6, result.peers().size());
    Sample dualStack = result.peers().stream().filter(p -> "192.168.0.0".equals(p.tags().get("peer"))).findFirst().orElseThrow();
    assertEquals(Map.of("instance", "frontend", "peer", "192.168.0.0", "peer_as", "20000"), dualStack.tags());
    assertEquals(Map.of("flaps", 1L, "in_messages", 25531L, "out_messages", 25461L), dualStack.counters());
    Map<String, Double> g = dualStack.gauges();
    assertEquals(1.0, g.get("state"));
    assertEquals(6.0, g.get("fsm_state"), "BGP4-MIB established(6)");
    assertEquals(696446.0, g.get("state_seconds"));
    assertEquals(696446.0, g.get("uptime_seconds"));
    assertEquals(3.0, g.get("received_prefixes"), "inet.0 3 + inet6.0 0");
    assertEquals(3.0, g.get("accepted_prefixes"));
    assertEquals(3.0, g.get("active_prefixes"));
    assertEquals(0.0, g.get("suppressed_prefixes"));
    List<Map<String, String>> tables = result.ribs().stream().filter(r -> "192.168.0.0".equals(r.tags().get("peer")))
        .map(Sample::tags).toList();
    assertEquals(List.of(
        Map.of("instance", "frontend", "peer", "192.168.0.0", "peer_as", "20000", "table", "frontend.inet.0", "address_family", "ipv4"),
        Map.of("instance", "frontend", "peer", "192.168.0.0", "peer_as", "20000", "table", "frontend.inet6.0", "address_family", "ipv6")),
        tables);

    Sample idle = result.peers().stream().filter(p -> "2a01:280:100::1".equals(p.tags().get("peer"))).findFirst().orElseThrow();
    assertEquals(0.0, idle.gauges().get("state"));
    assertEquals(1.0, idle.gauges().get("fsm_state"), "BGP4-MIB idle(1)");
    assertEquals(697008.0, idle.gauges().get("state_seconds"), "time since it went down");
    assertTrue(!idle.gauges().containsKey("uptime_seconds") && !idle.gauges().containsKey("received_prefixes"),
        "a peer that is down has no uptime and reports no prefixes: " + idle.gauges());
    Sample active = result.peers().stream().filter(p -> "192.169.1.0".equals(p.tags().get("peer"))).findFirst().orElseThrow();
    assertEquals(3.0, active.gauges().get("fsm_state"), "BGP4-MIB active(3)");
  }

  @Test
  void backendHasNoPeers() throws Exception {
    assertEquals(List.of(), summary("backend").all());
  }

  @Test
  void instanceListSkipsJunosInternalInstances() throws Exception {
    assertEquals(List.of("master", "backend", "frontend"),
        InstanceInformationParser.parse(Corpus.read(DIR + "get-instance-information.xml")));
  }

  @Test
  void withoutRequestedInstanceThePeerTablesNameIt() throws Exception {
    BgpSummaryParser.Result result = BgpSummaryParser.parse("mx", TIME,
        Corpus.read(DIR + "get-bgp-summary-informationfrontend.xml"), Optional.empty());
    Sample up = result.peers().stream().filter(p -> "10.2.1.253".equals(p.tags().get("peer"))).findFirst().orElseThrow();
    assertEquals("frontend", up.tags().get("instance"));
    Sample down = result.peers().stream().filter(p -> "192.169.1.2".equals(p.tags().get("peer"))).findFirst().orElseThrow();
    assertNotNull(down.tags().get("instance"));
    assertEquals("default", down.tags().get("instance"), "a peer without tables cannot be placed: default instance");
  }
}
