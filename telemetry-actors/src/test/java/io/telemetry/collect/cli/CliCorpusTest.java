package io.telemetry.collect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.junos.InterfaceInformationParser;
import io.telemetry.collect.junos.RouteEngineInformationParser;
import io.telemetry.sample.Sample;
import io.telemetry.testsupport.Corpus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real device captures (the shared corpus) read the way the cli collector reads CLI output: as
 * {@code | display xml} and, rendered as Junos JSON, as {@code | display json}. Both must give
 * exactly what the NETCONF collector's parsers give for the same document, including
 * virtual-chassis (multi-routing-engine) replies.
 */
class CliCorpusTest {

  private static final Instant TIME = Instant.parse("2025-03-01T10:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {
      "junos/napalm/test_get_interfaces_counters/normal/get-interface-information.xml",
      "junos/pyez/get-interface-information.xml"})
  void interfaceCapturesReadTheSameAsXmlAndJson(String file) throws Exception {
    String xml = Corpus.read(file);
    List<Sample> expected = InterfaceInformationParser.parse("dev", TIME, xml);
    assertTrue(expected.size() > 1, file + " has interfaces");
    assertEquals(expected, JunosCliXml.parse("dev", TIME, xml).samples(), "as display xml");
    String json = DomToJunosJson.convert(xml);
    assertEquals(expected, JunosCliXml.parse("dev", TIME, JunosJsonToXml.convert(json)).samples(), "as display json");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "junos/pyez/personality_mx_get-route-engine-information.xml",
      "junos/pyez/personality_srx_high_end_get-route-engine-information.xml",
      "junos/napalm/test_get_environment/mx10003/get-route-engine-information.xml",
      "junos/napalm/test_get_environment/ex9208/get-route-engine-information.xml"})
  void routeEngineCapturesReadTheSameAsXmlAndJson(String file) throws Exception {
    String xml = Corpus.read(file);
    RouteEngineInformationParser.Result expected = RouteEngineInformationParser.parse("dev", TIME, xml);
    JunosCliXml.Result asXml = JunosCliXml.parse("dev", TIME, xml);
    assertEquals(expected.samples(), asXml.samples());
    assertEquals(expected.deviceUptimeSeconds(), asXml.deviceUptimeSeconds());
    JunosCliXml.Result asJson = JunosCliXml.parse("dev", TIME, JunosJsonToXml.convert(DomToJunosJson.convert(xml)));
    assertEquals(expected.samples(), asJson.samples());
    assertEquals(expected.deviceUptimeSeconds(), asJson.deviceUptimeSeconds());
  }
}
