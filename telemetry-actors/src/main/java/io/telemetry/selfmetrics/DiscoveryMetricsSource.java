package io.telemetry.selfmetrics;

import io.telemetry.inventory.discover.Discovery;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The discovery figures of this node ({@link Discovery#status()}): probes started and failed per
 * probe, and each (device, probe) failing now. Only the node running the inventory coordinator
 * probes; the others report zeros.
 */
public final class DiscoveryMetricsSource implements MetricsSource {

  private final Discovery discovery;

  public DiscoveryMetricsSource(Discovery discovery) {
    this.discovery = Objects.requireNonNull(discovery, "discovery");
  }

  @Override
  public CompletionStage<List<MetricFamily>> collect() {
    Discovery.Status status = discovery.status();
    MetricFamily.Builder probes = MetricFamily.counter("telemetry_discovery_probes_total",
        "Discovery probes started, per probe type.");
    MetricFamily.Builder failures = MetricFamily.counter("telemetry_discovery_failures_total",
        "Discovery probes that failed (no answer, refused login, rpc-error, timeout), per probe type.");
    status.byProbe().forEach((probe, counts) -> {
      probes.add(Map.of("probe", probe), counts.started());
      failures.add(Map.of("probe", probe), counts.failed());
    });
    MetricFamily.Builder failing = MetricFamily.gauge("telemetry_discovery_failing",
        "1 for each device whose latest discovery probe of this type failed; it keeps what the probe found"
            + " last (nothing before a first success), so policies selecting on those attributes may skip it.");
    status.failingProbes().forEach(f -> failing.add(Map.of("device", f.device(), "probe", f.probe()), 1));
    return CompletableFuture.completedFuture(List.of(probes.build(), failures.build(), failing.build()));
  }
}
