package io.telemetry.selfmetrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Heap, garbage collection and threads of this JVM, from its management beans. */
public final class JvmMetricsSource implements MetricsSource {

  @Override
  public CompletionStage<List<MetricFamily>> collect() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MetricFamily.Builder collections = MetricFamily.counter("telemetry_jvm_gc_collections_total",
        "Garbage collections per collector since the JVM started.");
    MetricFamily.Builder seconds = MetricFamily.counter("telemetry_jvm_gc_seconds_total",
        "Time spent in garbage collection per collector since the JVM started (approximate, as the JVM reports it).");
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      Map<String, String> labels = Map.of("gc", gc.getName());
      collections.add(labels, Math.max(0, gc.getCollectionCount()));
      seconds.add(labels, Math.max(0, gc.getCollectionTime()) / 1000.0);
    }
    return CompletableFuture.completedFuture(List.of(
        MetricFamily.gauge("telemetry_jvm_heap_used_bytes", "Heap in use.").add(Map.of(), heap.getUsed()).build(),
        MetricFamily.gauge("telemetry_jvm_heap_committed_bytes", "Heap committed by the JVM.")
            .add(Map.of(), heap.getCommitted()).build(),
        MetricFamily.gauge("telemetry_jvm_heap_max_bytes", "Largest heap the JVM may use (-1 when undefined).")
            .add(Map.of(), heap.getMax()).build(),
        collections.build(),
        seconds.build(),
        MetricFamily.gauge("telemetry_jvm_threads", "Live threads.")
            .add(Map.of(), ManagementFactory.getThreadMXBean().getThreadCount()).build()));
  }
}
