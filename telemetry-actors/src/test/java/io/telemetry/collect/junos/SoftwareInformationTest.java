package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Replies written after the Junos XML API's software-information element (show version | display xml). */
class SoftwareInformationTest {

  @Test
  void junos15AndLaterNameTheReleaseInJunosVersion() throws JunosParseException {
    String reply = """
        <rpc-reply xmlns:junos="http://xml.juniper.net/junos/18.4R2/junos" message-id="7">
        <software-information>
        <host-name>
        edge1-re0
        </host-name>
        <product-model>mx960</product-model>
        <product-name>mx960</product-name>
        <junos-version>18.4R2-S3.4</junos-version>
        <package-information><name>os-kernel</name><comment>JUNOS OS Kernel 64-bit [20190517.f0321c3_builder_stable_11]</comment></package-information>
        </software-information>
        </rpc-reply>
        """;
    assertEquals(new SoftwareInformation(Optional.of("edge1-re0"), Optional.of("mx960"), Optional.of("18.4R2-S3.4")),
        SoftwareInformation.parse(reply));
  }

  @Test
  void olderReleasesNameItInTheJunosPackageComment() throws JunosParseException {
    String reply = """
        <rpc-reply xmlns:junos="http://xml.juniper.net/junos/12.3R12/junos">
        <software-information>
        <host-name>sw1</host-name>
        <product-model>ex4200-48t</product-model>
        <package-information><name>jbase</name><comment>JUNOS Base OS Software Suite [12.3R12.4]</comment></package-information>
        <package-information><name>junos</name><comment>JUNOS Base OS boot [12.3R12.4]</comment></package-information>
        </software-information>
        </rpc-reply>
        """;
    assertEquals(new SoftwareInformation(Optional.of("sw1"), Optional.of("ex4200-48t"), Optional.of("12.3R12.4")),
        SoftwareInformation.parse(reply));
  }

  @Test
  void aMultiRoutingEngineReplyIsReadFromItsFirstMemberWithARelease() throws JunosParseException {
    String reply = """
        <rpc-reply xmlns:junos="http://xml.juniper.net/junos/19.4R3/junos">
        <multi-routing-engine-results>
        <multi-routing-engine-item><re-name>fpc0</re-name>
        <software-information><host-name>vc1</host-name><product-model>ex4300-48p</product-model></software-information>
        </multi-routing-engine-item>
        <multi-routing-engine-item><re-name>fpc1</re-name>
        <software-information><host-name>vc1</host-name><product-model>ex4300-48p</product-model>
        <junos-version>19.4R3-S1.3</junos-version></software-information>
        </multi-routing-engine-item>
        </multi-routing-engine-results>
        </rpc-reply>
        """;
    assertEquals(new SoftwareInformation(Optional.of("vc1"), Optional.of("ex4300-48p"), Optional.of("19.4R3-S1.3")),
        SoftwareInformation.parse(reply));
  }

  @Test
  void anotherDocumentIsRefused() {
    JunosParseException e = assertThrows(JunosParseException.class, () -> SoftwareInformation.parse(
        "<rpc-reply><output>show version: permission denied</output></rpc-reply>"));
    assertTrue(e.getMessage().contains("expected <software-information>"), e.getMessage());
  }
}
