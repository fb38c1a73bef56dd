package io.telemetry.inventory.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.host.HostInfo;
import io.telemetry.inventory.source.InventoryException;
import io.telemetry.testsupport.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalMapsTest {

  private static final Duration REFRESH = Duration.ofMinutes(30);

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-06T07:00:00Z"));

  @Test
  void cidrToHostgroupExactBeatsLongestPrefix() throws Exception {
    Path cidrs = dir.resolve("hostgroups.json");
    Files.writeString(cidrs, """
        [ {"ip_address": "10.0.0.0/8", "hostgroup": "dc"},
          {"ip_address": "10.1.0.0/16", "hostgroup": "payments"},
          {"ip_address": "10.1.2.3", "hostgroup": "payments-db", "domain": "db.example.net"} ]""");
    ExternalMaps maps = new ExternalMaps(Optional.of("file:" + cidrs), Optional.empty(), REFRESH, Duration.ofSeconds(5), clock);
    assertEquals(Optional.of(new HostInfo("payments-db", "db.example.net")), maps.hostgroup("10.1.2.3"));
    assertEquals(Optional.of(new HostInfo("payments", "")), maps.hostgroup("10.1.9.9"));
    assertEquals(Optional.of(new HostInfo("dc", "")), maps.hostgroup("10.200.0.1"));
    assertEquals(Optional.empty(), maps.hostgroup("192.0.2.1"));
    assertEquals(Optional.empty(), maps.hostgroup("not-an-address"));
    assertEquals(Optional.empty(), maps.asName(13335), "no ASN map configured");
  }

  @Test
  void asnToNameFromCsvOrJson() throws Exception {
    Path csv = dir.resolve("asns.csv");
    Files.writeString(csv, "asn,name\n13335,CLOUDFLARENET\nAS64512,lab-private\n");
    ExternalMaps fromCsv = new ExternalMaps(Optional.empty(), Optional.of("file:" + csv), REFRESH, Duration.ofSeconds(5), clock);
    assertEquals(Optional.of("CLOUDFLARENET"), fromCsv.asName(13335));
    assertEquals(Optional.of("lab-private"), fromCsv.asName(64512));
    assertEquals(Optional.empty(), fromCsv.asName(15169));

    assertEquals(Optional.of("GOOGLE"), AsnNames.parse("s", "{\"asn\": 15169, \"name\": \"GOOGLE\"}\n", false).name(15169));
    assertEquals("s line 2: asn \"AS0\" is not an AS number (1..4294967295, or AS<n>)", assertThrows(InventoryException.class,
        () -> AsnNames.parse("s", "asn,name\nAS0,zero\n", true)).getMessage());
    assertEquals("s line 1: entry for AS7 has no name", assertThrows(InventoryException.class,
        () -> AsnNames.parse("s", "[{\"asn\": 7}]", false)).getMessage());
  }

  @Test
  void aFailedReloadKeepsTheLastValueAndIsCounted() throws Exception {
    Path asns = dir.resolve("asns.json");
    Files.writeString(asns, "[{\"asn\": 13335, \"name\": \"CLOUDFLARENET\"}]");
    ExternalMaps maps = new ExternalMaps(Optional.empty(), Optional.of("file:" + asns), REFRESH, Duration.ofSeconds(5), clock);
    assertEquals(Optional.of("CLOUDFLARENET"), maps.asName(13335));
    assertEquals(1, maps.loads());

    Files.writeString(asns, "[{\"asn\": 13335, \"name\": \"RENAMED\"}, {\"asn\": \"x\"}]");
    clock.advance(Duration.ofMinutes(29));
    assertEquals(Optional.of("CLOUDFLARENET"), maps.asName(13335), "not due yet");
    assertEquals(0, maps.failures());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(Optional.of("CLOUDFLARENET"), maps.asName(13335), "the bad file is refused whole; the last value stays");
    assertEquals(1, maps.failures());

    Files.delete(asns);
    clock.advance(ExternalMaps.RETRY_AFTER_FAILURE);
    assertEquals(Optional.of("CLOUDFLARENET"), maps.asName(13335), "a missing file too");
    assertEquals(2, maps.failures());

    Files.writeString(asns, "[{\"asn\": 13335, \"name\": \"RENAMED\"}]");
    clock.advance(ExternalMaps.RETRY_AFTER_FAILURE);
    assertEquals(Optional.of("RENAMED"), maps.asName(13335), "retried after a failure sooner than the refresh");
    assertEquals(2, maps.loads());
    assertEquals(2, maps.failures());
  }

  @Test
  void enrichmentTagsKeepTheLastMapWhileTheSourceFails() throws Exception {
    Path asns = dir.resolve("asns.csv");
    Files.writeString(asns, "asn,name\nAS13335,CLOUDFLARENET\n");
    ExternalMaps maps = new ExternalMaps(Optional.empty(), Optional.of("file:" + asns), REFRESH, Duration.ofSeconds(5), clock);
    SampleEnricher enricher = new SampleEnricher(EnrichmentTags.NONE);
    io.telemetry.sample.Sample peer = new io.telemetry.sample.Sample("mx1", "bgp_peer", clock.instant(),
        java.util.Map.of("peer", "192.0.2.9", "peer_as", "13335"), java.util.Map.of(), java.util.Map.of("state", 1.0),
        java.util.Map.of(), 64, "");
    enricher.maps(maps.refresh());
    assertEquals("CLOUDFLARENET", enricher.enrich(peer).tags().get("peer_as_name"));

    Files.delete(asns);
    clock.advance(REFRESH);
    enricher.maps(maps.refresh());
    assertEquals("CLOUDFLARENET", enricher.enrich(peer).tags().get("peer_as_name"), "the last good map stays");
    assertEquals(1, maps.failures(), "and the failure is counted");
  }

  @Test
  void statusShowsEachMapsLoadsFailuresEntriesAgeAndError() throws Exception {
    Path cidrs = dir.resolve("hostgroups.json");
    Path asns = dir.resolve("asns.csv");
    Files.writeString(cidrs, "[{\"ip_address\": \"10.0.0.0/8\", \"hostgroup\": \"dc\"}]");
    Files.writeString(asns, "asn,name\n13335,CLOUDFLARENET\n64512,PRIVATE\n");
    ExternalMaps maps = new ExternalMaps(Optional.of("file:" + cidrs), Optional.of("file:" + asns), REFRESH,
        Duration.ofSeconds(5), clock);
    Instant firstLoad = clock.instant();
    maps.refresh();
    Files.delete(asns);
    clock.advance(REFRESH);
    maps.refresh();

    java.util.List<ExternalMaps.MapStatus> status = maps.status();
    assertEquals(java.util.List.of(ExternalMaps.HOSTGROUPS, ExternalMaps.ASN_NAMES),
        status.stream().map(ExternalMaps.MapStatus::name).toList());
    ExternalMaps.MapStatus hostgroups = status.get(0);
    assertEquals(2, hostgroups.loads());
    assertEquals(0, hostgroups.failures());
    assertEquals(1, hostgroups.entries());
    assertEquals(Optional.of(clock.instant()), hostgroups.loadedAt());
    assertEquals(Optional.empty(), hostgroups.lastError());
    ExternalMaps.MapStatus names = status.get(1);
    assertEquals(1, names.loads());
    assertEquals(1, names.failures());
    assertEquals(2, names.entries(), "the last good map stays in use");
    assertEquals(Optional.of(firstLoad), names.loadedAt(), "its age grows while the source fails");
    assertTrue(names.lastError().orElseThrow().contains("asns.csv"), names.lastError().toString());
  }

  @Test
  void noValueBeforeTheFirstSuccessfulLoad() {
    ExternalMaps maps = new ExternalMaps(Optional.of("file:" + dir.resolve("missing.json")), Optional.empty(), REFRESH,
        Duration.ofSeconds(5), clock);
    assertEquals(Optional.empty(), maps.hostgroup("10.1.2.3"));
    assertEquals(1, maps.failures());
    assertEquals(0, maps.loads());
  }
}
