package io.telemetry.selfmetrics;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Something that reports metric families of this node (the pipeline, the JVM, the shard region,
 * correlation rules). Asynchronous because some figures are asked of actors; a source must never
 * block the caller.
 */
@FunctionalInterface
public interface MetricsSource {
  CompletionStage<List<MetricFamily>> collect();
}
