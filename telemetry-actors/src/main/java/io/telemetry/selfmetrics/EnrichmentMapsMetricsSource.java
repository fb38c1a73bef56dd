package io.telemetry.selfmetrics;

import io.telemetry.inventory.enrich.ExternalMaps;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The enrichment maps' figures ({@link ExternalMaps#status()}), per map ({@code hostgroups},
 * {@code asn-names}): loads, failed reloads, entries, and the age of the map in use, which grows
 * past {@code telemetry.inventory.maps.refresh} while its source fails (the tags stay those of the
 * last good map).
 */
public final class EnrichmentMapsMetricsSource implements MetricsSource {

  private final ExternalMaps maps;
  private final Clock clock;

  public EnrichmentMapsMetricsSource(ExternalMaps maps, Clock clock) {
    this.maps = Objects.requireNonNull(maps, "maps");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CompletionStage<List<MetricFamily>> collect() {
    MetricFamily.Builder loads = MetricFamily.counter("telemetry_enrichment_map_loads_total",
        "Successful loads of the enrichment map.");
    MetricFamily.Builder failures = MetricFamily.counter("telemetry_enrichment_map_failures_total",
        "Failed reloads of the enrichment map (the last good map stays in use).");
    MetricFamily.Builder entries = MetricFamily.gauge("telemetry_enrichment_map_entries",
        "Entries of the enrichment map in use.");
    MetricFamily.Builder age = MetricFamily.gauge("telemetry_enrichment_map_age_seconds",
        "Seconds since the enrichment map in use was loaded (absent until its first load).");
    for (ExternalMaps.MapStatus map : maps.status()) {
      Map<String, String> labels = Map.of("map", map.name());
      loads.add(labels, map.loads());
      failures.add(labels, map.failures());
      entries.add(labels, map.entries());
      map.loadedAt().ifPresent(at -> age.add(labels, Duration.between(at, clock.instant()).toMillis() / 1000.0));
    }
    return CompletableFuture.completedFuture(List.of(loads.build(), failures.build(), entries.build(), age.build()));
  }
}
