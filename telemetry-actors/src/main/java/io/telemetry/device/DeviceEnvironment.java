package io.telemetry.device;

import io.telemetry.collect.CollectorRegistry;
import io.telemetry.inventory.TargetLookup;
import io.telemetry.pipeline.PipelineEntry;
import io.telemetry.pipeline.PipelineMetrics;
import java.util.concurrent.Executor;

/**
 * What a device entity needs from the node it happens to run on. Sharding may start an entity on
 * any node, so these are the node's own, never the previous node's.
 *
 * @param blockingIo executor of the dedicated blocking-I/O dispatcher (SSH, NETCONF)
 */
public record DeviceEnvironment(
    String nodeId,
    TargetLookup targets,
    CollectorRegistry collectors,
    PipelineEntry entry,
    PipelineMetrics metrics,
    Executor blockingIo,
    DeviceSettings settings) {}
