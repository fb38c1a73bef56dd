package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.collect.junos.LldpNeighborsParser.Neighbor;
import io.telemetry.sample.Sample;
import io.telemetry.testsupport.Corpus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The LLDP parser against napalm's {@code test_get_lldp_neighbors/normal} capture. */
class LldpCorpusTest {

  private static final String DIR = "junos/napalm/test_get_lldp_neighbors/normal/";

  @Test
  void neighborsEqualNapalmsReading() throws Exception {
    Map<String, List<Neighbor>> ours = LldpNeighborsParser.parse(Corpus.read(DIR + "get-lldp-neighbors-information.xml"));
    JsonNode expected = new ObjectMapper().readTree(Corpus.file(DIR + "expected_result.json").toFile());
    Map<String, List<Neighbor>> theirs = new LinkedHashMap<>();
    for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
      String local = it.next();
      List<Neighbor> list = new ArrayList<>();
      expected.get(local).forEach(n -> list.add(new Neighbor(n.get("hostname").asText(), n.get("port").asText())));
      theirs.put(local, list);
    }
    assertEquals(theirs, ours);
  }

  @Test
  void interfaceSamplesCarryTheirNeighborsAndPhysicalInterfacesThoseOfTheirUnit() throws Exception {
    InterfaceInventory inventory = InterfaceInventory.EMPTY
        .withLldp(LldpNeighborsParser.parse(Corpus.read(DIR + "get-lldp-neighbors-information.xml")))
        .withDescriptions(Map.of("xe-0/1/0", "to spine00"));
    assertEquals(Map.of("interface", "xe-0/1/0", "description", "to spine00", "lldp_neighbor", "spine00",
        "lldp_neighbor_port", "xe-0/0/0"), inventory.tag(sample("xe-0/1/0")).tags());
    assertEquals(Map.of("interface", "xe-0/1/0.0", "lldp_neighbor", "spine00", "lldp_neighbor_port", "xe-0/0/0"),
        inventory.tag(sample("xe-0/1/0.0")).tags());
    assertEquals(Map.of("interface", "xe-4/3/6", "lldp_neighbor", "peer00.lab.demo", "lldp_neighbor_port", "Ethernet1"),
        inventory.tag(sample("xe-4/3/6")).tags());
    Sample plain = sample("xe-9/9/9");
    assertEquals(plain, inventory.tag(plain), "no inventory, no change");
  }

  private static Sample sample(String iface) {
    return new Sample("ex", "interface", Instant.EPOCH, Map.of("interface", iface), Map.of("in_octets", 1L), Map.of(),
        Map.of(), 64, "");
  }
}
