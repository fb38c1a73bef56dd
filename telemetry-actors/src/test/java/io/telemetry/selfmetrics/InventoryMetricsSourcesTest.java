package io.telemetry.selfmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.inventory.Resource;
import io.telemetry.inventory.discover.Discovery;
import io.telemetry.inventory.discover.DiscoveryException;
import io.telemetry.inventory.discover.DiscoveryProbe;
import io.telemetry.inventory.enrich.ExternalMaps;
import io.telemetry.testsupport.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The discovery and enrichment-map families of GET /metrics, from real Discovery and ExternalMaps. */
class InventoryMetricsSourcesTest {

  @TempDir
  Path dir;

  /** Answers for mx1, refuses everything else. */
  private static final DiscoveryProbe NETCONF = new DiscoveryProbe() {
    @Override
    public String name() {
      return "netconf";
    }

    @Override
    public Map<String, String> probe(Resource resource) throws DiscoveryException {
      if (resource.id().equals("mx1")) {
        return Map.of("model", "mx480");
      }
      throw new DiscoveryException(resource.id(), "netconf", "authentication failed", null);
    }
  };

  @Test
  void discoveryCountsPerProbeAndNamesEachFailingDevice() throws Exception {
    Discovery discovery = new Discovery(List.of(NETCONF), List.of(), List.of("netconf"), Duration.ofMinutes(30),
        Duration.ofSeconds(5), 2, Runnable::run, Clock.systemUTC());
    discovery.discover(List.of(new Resource("mx1", "192.0.2.1", Map.of()), new Resource("mx2", "192.0.2.2", Map.of())))
        .get(5, TimeUnit.SECONDS);
    Map<String, MetricFamily> families = byName(new DiscoveryMetricsSource(discovery).collect()
        .toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertEquals(List.of(new MetricFamily.Series("", Map.of("probe", "netconf"), 2)),
        families.get("telemetry_discovery_probes_total").series());
    assertEquals(List.of(new MetricFamily.Series("", Map.of("probe", "netconf"), 1)),
        families.get("telemetry_discovery_failures_total").series());
    assertEquals(List.of(new MetricFamily.Series("", Map.of("device", "mx2", "probe", "netconf"), 1)),
        families.get("telemetry_discovery_failing").series());
    assertEquals(MetricFamily.Type.COUNTER, families.get("telemetry_discovery_failures_total").type());
  }

  @Test
  void mapsReportLoadsFailuresEntriesAndAge() throws Exception {
    Path asns = dir.resolve("asns.csv");
    Files.writeString(asns, "asn,name\n13335,CLOUDFLARENET\n");
    MutableClock clock = new MutableClock(Instant.parse("2024-05-06T07:00:00Z"));
    ExternalMaps maps = new ExternalMaps(Optional.empty(), Optional.of("file:" + asns), Duration.ofMinutes(1),
        Duration.ofSeconds(5), clock);
    maps.refresh();
    Files.delete(asns);
    clock.advance(Duration.ofSeconds(90));
    maps.refresh();
    Map<String, MetricFamily> families = byName(new EnrichmentMapsMetricsSource(maps, clock).collect()
        .toCompletableFuture().get(5, TimeUnit.SECONDS));
    Map<String, String> asnNames = Map.of("map", "asn-names");
    assertEquals(List.of(new MetricFamily.Series("", asnNames, 1)),
        families.get("telemetry_enrichment_map_loads_total").series());
    assertEquals(List.of(new MetricFamily.Series("", asnNames, 1)),
        families.get("telemetry_enrichment_map_failures_total").series());
    assertEquals(List.of(new MetricFamily.Series("", asnNames, 1)),
        families.get("telemetry_enrichment_map_entries").series(), "the last good map stays in use");
    assertEquals(List.of(new MetricFamily.Series("", asnNames, 90)),
        families.get("telemetry_enrichment_map_age_seconds").series(), "loaded 90 s before the scrape");
    assertTrue(PrometheusText.write(List.copyOf(families.values()))
        .contains("telemetry_enrichment_map_failures_total{map=\"asn-names\"} 1\n"));
  }

  private static Map<String, MetricFamily> byName(List<MetricFamily> families) {
    Map<String, MetricFamily> byName = new java.util.LinkedHashMap<>();
    families.forEach(f -> byName.put(f.name(), f));
    return byName;
  }
}
