package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BGP summary replies written by hand: namespaces, multi-RE wrappers, instance attribution, elapsed text. */
class BgpSummaryParserTest {

  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");

  @Test
  void namespacedReplyWithElapsedTextAndForwardingInstance() throws Exception {
    String xml = """
        <rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" xmlns:junos="http://xml.juniper.net/junos/23.2R1/junos">
          <bgp-information xmlns="http://xml.juniper.net/junos/23.2R1/junos-routing">
            <bgp-peer junos:style="terse">
              <peer-address>2001:db8::2+179</peer-address>
              <peer-as>4200000001</peer-as>
              <peer-fwd-rti>CUST-A</peer-fwd-rti>
              <flap-count>18446744073709551615</flap-count>
              <elapsed-time>
        3d 4:05:06
        </elapsed-time>
              <peer-state junos:format="Establ">Established</peer-state>
              <bgp-rib junos:style="terse">
                <name>CUST-A.inet6.0</name>
                <received-prefix-count>12</received-prefix-count>
                <accepted-prefix-count>10</accepted-prefix-count>
                <active-prefix-count>9</active-prefix-count>
              </bgp-rib>
            </bgp-peer>
          </bgp-information>
        </rpc-reply>
        """;
    BgpSummaryParser.Result result = BgpSummaryParser.parse("pe1", TIME, xml, Optional.empty());
    Sample peer = result.peers().get(0);
    assertEquals(Map.of("instance", "CUST-A", "peer", "2001:db8::2", "peer_as", "4200000001"), peer.tags());
    assertEquals(-1L, peer.counters().get("flaps"), "unsigned 64-bit counters keep their bits");
    double elapsed = 3 * 86400 + 4 * 3600 + 5 * 60 + 6;
    assertEquals(Map.of("state", 1.0, "fsm_state", 6.0, "state_seconds", elapsed, "uptime_seconds", elapsed,
        "received_prefixes", 12.0, "accepted_prefixes", 10.0, "active_prefixes", 9.0), peer.gauges());
    assertEquals("ipv6", result.ribs().get(0).tags().get("address_family"));
    assertEquals(TIME, peer.time());
  }

  @Test
  void multiRoutingEngineItemsAreTaggedAndMasterIsTheDefaultInstance() throws Exception {
    String xml = """
        <rpc-reply>
          <multi-routing-engine-results>
            <multi-routing-engine-item>
              <re-name>re0</re-name>
              <bgp-information>
                <bgp-peer><peer-address>10.0.0.1</peer-address><peer-as>65001</peer-as>
                  <peer-state>OpenSent</peer-state><elapsed-time seconds="5">5</elapsed-time></bgp-peer>
              </bgp-information>
            </multi-routing-engine-item>
          </multi-routing-engine-results>
        </rpc-reply>
        """;
    Sample peer = BgpSummaryParser.parse("r1", TIME, xml, Optional.of("master")).peers().get(0);
    assertEquals(Map.of("instance", "default", "peer", "10.0.0.1", "peer_as", "65001", "re", "re0"), peer.tags());
    assertEquals(Map.of("state", 0.0, "fsm_state", 4.0, "state_seconds", 5.0), peer.gauges());
  }

  @ParameterizedTest
  @CsvSource({
      "inet.0, '', ipv4",
      "inet6.0, '', ipv6",
      "bgp.l3vpn.0, '', vpnv4",
      "bgp.evpn.0, '', evpn",
      "CUST-A.inet.0, CUST-A, ipv4",
      "CUST-A.inetflow.0, CUST-A, ipv4_flow",
      "a.b.inet6.0, a.b, ipv6"})
  void tableNamesGiveInstanceAndAddressFamily(String table, String instance, String family) {
    assertEquals(instance.isEmpty() ? Optional.empty() : Optional.of(instance), BgpSummaryParser.instanceOfTable(table));
    assertEquals(family, BgpSummaryParser.addressFamily(table));
  }

  @ParameterizedTest
  @CsvSource({"20w6d20h, 12686400", "1w1d2h, 698400", "45s, 45", "1:02:03, 3723", "12:34, 754", "3d 4:05:06, 273906"})
  void elapsedTexts(String text, long seconds) {
    assertEquals(OptionalLong.of(seconds), JunosValues.elapsedSeconds(text));
  }

  @Test
  void unreadableElapsedTextIsAbsent() {
    assertEquals(OptionalLong.empty(), JunosValues.elapsedSeconds("never"));
    assertEquals(OptionalLong.empty(), JunosValues.elapsedSeconds(""));
  }

  @Test
  void aPeerWithoutAddressIsRefused() {
    assertThrows(JunosParseException.class, () -> BgpSummaryParser.parse("r1", TIME,
        "<bgp-information><bgp-peer><peer-as>1</peer-as></bgp-peer></bgp-information>", Optional.empty()));
  }

  @Test
  void anEmptySummaryHasNoPeers() throws Exception {
    assertEquals(List.of(), BgpSummaryParser.parse("r1", TIME, "<rpc-reply><bgp-information/></rpc-reply>",
        Optional.of("CUST-B")).all());
  }
}
