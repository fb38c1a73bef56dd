package io.telemetry.collect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a {@code | display xml} document can hold besides the payload: errors, warnings, banners. */
class JunosCliXmlTest {

  private static final Instant TIME = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void anXnmErrorIsTheDevicesErrorMessage() throws Exception {
    String xml = """
        <rpc-reply xmlns:junos="http://xml.juniper.net/junos/22.4R3/junos">
            <xnm:error xmlns="http://xml.juniper.net/xnm/1.1/xnm" xmlns:xnm="http://xml.juniper.net/xnm/1.1/xnm">
                <source-daemon>mgd</source-daemon>
                <message>
                    device ge-9/9/9 not found
                </message>
            </xnm:error>
            <cli><banner></banner></cli>
        </rpc-reply>""";
    JunosCliXml.Result result = JunosCliXml.parse("r1", TIME, xml);
    assertEquals(List.of("device ge-9/9/9 not found"), result.deviceErrors());
    assertTrue(result.samples().isEmpty());
  }

  @Test
  void anRpcErrorIsTheDevicesErrorMessage() throws Exception {
    String xml = "<rpc-reply><rpc-error><error-severity>error</error-severity>"
        + "<error-message>permission denied</error-message></rpc-error></rpc-reply>";
    assertEquals(List.of("permission denied"), JunosCliXml.parse("r1", TIME, xml).deviceErrors());
  }

  @Test
  void warningsBesideThePayloadAreIgnored() throws Exception {
    String xml = """
        <rpc-reply xmlns:junos="http://xml.juniper.net/junos/22.4R3/junos">
          <xnm:warning xmlns:xnm="http://xml.juniper.net/xnm/1.1/xnm"><message>something odd</message></xnm:warning>
          <route-engine-information><route-engine><slot>0</slot><cpu-idle>80</cpu-idle></route-engine></route-engine-information>
        </rpc-reply>""";
    JunosCliXml.Result result = JunosCliXml.parse("r1", TIME, xml);
    assertTrue(result.deviceErrors().isEmpty());
    assertEquals(20.0, result.samples().get(0).gauges().get("cpu_util"));
  }

  @Test
  void aPayloadItCannotReadIsNamed() {
    CliParseException e = assertThrows(CliParseException.class, () -> JunosCliXml.parse("r1", TIME,
        "<rpc-reply><bgp-information><bgp-peer/></bgp-information><cli><banner/></cli></rpc-reply>"));
    assertTrue(e.getMessage().contains("[bgp-information]"), e.getMessage());
  }

  @Test
  void truncatedXmlIsNotWellFormed() {
    String xml = CliTestFiles.read("interfaces-extensive.xml");
    CliParseException e = assertThrows(CliParseException.class,
        () -> JunosCliXml.parse("r1", TIME, xml.substring(0, xml.length() / 2)));
    assertTrue(e.getMessage().startsWith("not well-formed XML"), e.getMessage());
  }

  @Test
  void textIsNotXml() {
    CliParseException e = assertThrows(CliParseException.class,
        () -> JunosCliXml.parse("r1", TIME, "Physical interface: ge-0/0/0, Enabled, Physical link is Up\n"));
    assertTrue(e.getMessage().startsWith("not well-formed XML"), e.getMessage());
    assertThrows(CliParseException.class, () -> JunosCliXml.parse("r1", TIME, ""));
  }
}
