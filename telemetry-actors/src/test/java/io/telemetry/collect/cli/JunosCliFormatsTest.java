package io.telemetry.collect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.junos.InterfaceInformationParser;
import io.telemetry.collect.junos.RouteEngineInformationParser;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Junos CLI output in both structured formats, written by hand from Juniper's documented shapes
 * (not produced by the simulator): {@code | display xml} and {@code | display json} of the same
 * data give the same samples, and the same samples as the NETCONF collector's parsers.
 */
class JunosCliFormatsTest {

  private static final String DEVICE = "r1";
  private static final Instant TIME = Instant.parse("2025-03-01T10:00:00.123456789Z");

  @Test
  void interfacesAsXmlGiveTheNetconfParsersSamples() throws Exception {
    String xml = CliTestFiles.read("interfaces-extensive.xml");
    JunosCliXml.Result cli = JunosCliXml.parse(DEVICE, TIME, xml);
    assertEquals(InterfaceInformationParser.parse(DEVICE, TIME, xml), cli.samples());
    assertTrue(cli.deviceErrors().isEmpty());
    assertTrue(cli.deviceUptimeSeconds().isEmpty(), "interfaces tell no uptime");
  }

  @Test
  void interfacesAsJsonGiveTheSameSamplesAsXml() throws Exception {
    List<Sample> fromXml = JunosCliXml.parse(DEVICE, TIME, CliTestFiles.read("interfaces-extensive.xml")).samples();
    List<Sample> fromJson = JunosCliXml.parse(DEVICE, TIME,
        JunosJsonToXml.convert(CliTestFiles.read("interfaces-extensive.json"))).samples();
    assertEquals(fromXml, fromJson);

    // The values written in the JSON document, field by field.
    Map<String, Sample> byName = byInterface(fromJson);
    assertEquals(List.of("ge-0/0/0", "ge-0/0/0.0", "ge-0/0/1"), byName.keySet().stream().sorted().toList());
    Sample ge0 = byName.get("ge-0/0/0");
    assertEquals("interface", ge0.family());
    assertEquals(TIME, ge0.time());
    assertEquals(Map.of("in_octets", 123456789012L, "out_octets", 98765432109L, "in_packets", 94138011L,
        "out_packets", 82458296L, "in_errors", 3L, "in_discards", 11L, "out_errors", 1L, "out_discards", 42L),
        ge0.counters(), "direct children of traffic-statistics only, not ipv6-transit-statistics");
    assertEquals(Map.of("admin_status", 1.0, "oper_status", 1.0, "speed_bps", 1e9), ge0.gauges());
    assertEquals("snmp-index=526;local-index=148;statistics-cleared=2024-05-01 10:00:00 UTC", ge0.discontinuity());
    Sample unit = byName.get("ge-0/0/0.0");
    assertEquals(Map.of("in_packets", 90_000_000L, "out_packets", 80_000_000L), unit.counters());
    Sample ge1 = byName.get("ge-0/0/1");
    assertEquals(-1L, ge1.counters().get("out_octets"), "2^64-1 keeps its 64 bits");
    assertEquals(0.0, ge1.gauges().get("oper_status"));
    assertFalse(ge1.gauges().containsKey("speed_bps"), "Auto is no speed");
  }

  @Test
  void routingEnginesAsJsonGiveTheSameSamplesAndUptimeAsXml() throws Exception {
    String xml = CliTestFiles.read("routing-engine.xml");
    JunosCliXml.Result fromXml = JunosCliXml.parse(DEVICE, TIME, xml);
    JunosCliXml.Result fromJson = JunosCliXml.parse(DEVICE, TIME,
        JunosJsonToXml.convert(CliTestFiles.read("routing-engine.json")));
    RouteEngineInformationParser.Result netconf = RouteEngineInformationParser.parse(DEVICE, TIME, xml);
    assertEquals(netconf.samples(), fromXml.samples());
    assertEquals(fromXml.samples(), fromJson.samples());
    assertEquals(600169L, fromJson.deviceUptimeSeconds().orElseThrow(), "the master's up-time/@junos:seconds");
    Sample master = fromJson.samples().stream().filter(s -> s.tags().get("slot").equals("0")).findFirst().orElseThrow();
    assertEquals(Map.of("slot", "0", "mastership", "master"), master.tags());
    assertEquals(6.0, master.gauges().get("cpu_util"));
    assertEquals(39.0, master.gauges().get("temperature_celsius"), "from the junos:celsius attribute");
    assertEquals(16384.0 * 1024 * 1024, master.gauges().get("memory_bytes"));
  }

  @Test
  void severalTopLevelJsonObjectsAreRead() throws Exception {
    String two = CliTestFiles.read("routing-engine.json") + "\n" + CliTestFiles.read("interfaces-extensive.json");
    JunosCliXml.Result result = JunosCliXml.parse(DEVICE, TIME, JunosJsonToXml.convert(two));
    assertEquals(2 + 3, result.samples().size());
    assertEquals(600169L, result.deviceUptimeSeconds().orElseThrow());
  }

  @Test
  void emptyElementsAndScalarDataAreAccepted() throws Exception {
    String json = """
        {"route-engine-information": [{"route-engine": [{"slot": [{"data": 0}], "cpu-idle": [{"data": 90.5}],
          "status": [null], "mastership-state": [{"data": "master"}]}]}]}""";
    Sample re = JunosCliXml.parse(DEVICE, TIME, JunosJsonToXml.convert(json)).samples().get(0);
    assertEquals("0", re.tags().get("slot"));
    assertEquals(9.5, re.gauges().get("cpu_util"), 1e-9);
  }

  @Test
  void jsonThatIsNotWellFormedNamesWhere() {
    CliParseException e = assertThrows(CliParseException.class,
        () -> JunosJsonToXml.convert("{\n\"interface-information\" : [\n{ \"physical-interface\" : [ }\n"));
    assertTrue(e.getMessage().startsWith("not well-formed JSON at line 3"), e.getMessage());
  }

  @Test
  void jsonWhoseTopLevelIsNotAnObjectIsRefused() {
    CliParseException e = assertThrows(CliParseException.class, () -> JunosJsonToXml.convert("[1, 2]"));
    assertTrue(e.getMessage().contains("top level is array"), e.getMessage());
    assertThrows(CliParseException.class, () -> JunosJsonToXml.convert("  \n"));
  }

  @Test
  void jsonOfAnotherShapeSaysWhatItHolds() {
    CliParseException e = assertThrows(CliParseException.class,
        () -> JunosCliXml.parse(DEVICE, TIME, JunosJsonToXml.convert("{\"bgp-information\": [{}]}")));
    assertTrue(e.getMessage().contains("bgp-information"), e.getMessage());
    assertTrue(e.getMessage().contains("interface-information"), "lists what it reads: " + e.getMessage());
  }

  private static Map<String, Sample> byInterface(List<Sample> samples) {
    return samples.stream().collect(java.util.stream.Collectors.toMap(s -> s.tags().get("interface"), s -> s));
  }
}
