package io.telemetry.inventory.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.telemetry.collect.host.AddressTable;
import io.telemetry.collect.host.HostInfo;
import io.telemetry.collect.host.IpAddress;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.source.InventoryException;
import io.telemetry.sample.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrichmentTagsTest {

  private static final Instant T = Instant.parse("2024-05-06T07:00:00Z");
  private static final Target MX1 = new Target("mx1", "192.0.2.1", 830, Credentials.password("u", "p"),
      "junos-netconf", Duration.ofSeconds(60), Duration.ofSeconds(10),
      Map.of("site", "ams1", "role", "edge", "owner", "neteng", "interface", "must-not-win"));

  static ExternalMaps.Snapshot maps() throws InventoryException {
    AddressTable<HostInfo> table = AddressTable.<HostInfo>builder()
        .prefix(IpAddress.parse("10.0.0.0").orElseThrow(), 8, new HostInfo("dc-core", ""))
        .exact(IpAddress.parse("10.1.2.3").orElseThrow(), new HostInfo("", "peer.example.net"))
        .prefix(IpAddress.parse("2001:db8::").orElseThrow(), 32, new HostInfo("v6-peers", ""))
        .build();
    return new ExternalMaps.Snapshot(table, AsnNames.parse("test", "asn,name\n13335,CLOUDFLARENET\n", true));
  }

  private static Sample sample(String device, String family, Map<String, String> tags) {
    return new Sample(device, family, T, tags, Map.of("in_octets", 5L), Map.of("state", 1.0), Map.of(), 64, "d");
  }

  @Test
  void everySampleOfATargetGetsItsLabelsButTheCollectorsTagsWin() throws Exception {
    EnrichmentTags tags = EnrichmentTags.of(List.of(MX1), maps());
    Sample in = sample("mx1", "interface", Map.of("interface", "xe-0/0/0"));
    Sample out = tags.enrich(in);
    assertEquals(Map.of("interface", "xe-0/0/0", "site", "ams1", "role", "edge", "owner", "neteng"), out.tags());
    assertEquals(in.counters(), out.counters());
    assertEquals(in.gauges(), out.gauges());
    assertEquals(in.time(), out.time());
    assertEquals("d", out.discontinuity());
  }

  @Test
  void bgpPeersGetTheirHostgroupAndAsName() throws Exception {
    EnrichmentTags tags = EnrichmentTags.of(List.of(), maps());
    assertEquals(Map.of("peer", "10.9.9.9", "peer_as", "13335", "peer_hostgroup", "dc-core",
        "peer_as_name", "CLOUDFLARENET"),
        tags.enrich(sample("mx1", "bgp_peer", Map.of("peer", "10.9.9.9", "peer_as", "13335"))).tags());
    assertEquals(Map.of("peer", "2001:db8::1", "peer_as", "64512", "table", "inet6.0", "peer_hostgroup", "v6-peers"),
        tags.enrich(sample("mx1", "bgp_peer_rib", Map.of("peer", "2001:db8::1", "peer_as", "64512", "table",
            "inet6.0"))).tags(), "unknown ASN: no name");
    assertEquals(Map.of("peer", "10.1.2.3", "peer_as", "x"),
        tags.enrich(sample("mx1", "bgp_peer", Map.of("peer", "10.1.2.3", "peer_as", "x"))).tags(),
        "the exact entry has no hostgroup, and it beats the /8");
  }

  @Test
  void interfaceSamplesGetNothingFromTheMapsAndUnknownDevicesAreUnchanged() throws Exception {
    EnrichmentTags tags = EnrichmentTags.of(List.of(MX1), maps());
    Sample iface = sample("mx2", "interface", Map.of("interface", "10.9.9.9", "peer", "10.9.9.9"));
    assertSame(iface, tags.enrich(iface));
  }

  @Test
  void theEnricherSwapsTargetsAndMapsWhole() throws Exception {
    SampleEnricher enricher = new SampleEnricher(EnrichmentTags.NONE);
    Sample peer = sample("mx1", "bgp_peer", Map.of("peer", "10.9.9.9", "peer_as", "13335"));
    assertSame(peer, enricher.apply(peer));
    enricher.targets(List.of(MX1));
    assertEquals("ams1", enricher.apply(peer).tags().get("site"));
    enricher.maps(maps());
    assertEquals("CLOUDFLARENET", enricher.apply(peer).tags().get("peer_as_name"));
    assertEquals("ams1", enricher.apply(peer).tags().get("site"), "new maps keep the labels");
    enricher.targets(List.of());
    assertEquals(null, enricher.apply(peer).tags().get("site"), "a removed target's labels are gone");
    assertEquals("dc-core", enricher.apply(peer).tags().get("peer_hostgroup"));
  }
}
