package io.telemetry.device;

import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.DeviceSession;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetLookup;
import io.telemetry.pipeline.PipelineEntry;
import io.telemetry.pipeline.PipelineMetrics;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What a device entity needs from the node it happens to run on. Sharding may start an entity on
 * any node, so these are the node's own, never the previous node's.
 *
 * @param blockingIo executor of the dedicated blocking-I/O dispatcher (SSH, NETCONF)
 * @param sessions   opens a device's shared session (its SSH connection, connected lazily)
 * @param rates      where the device's last counter readings are kept, to follow it to another node
 */
public record DeviceEnvironment(
    String nodeId,
    TargetLookup targets,
    CollectorRegistry collectors,
    PipelineEntry entry,
    PipelineMetrics metrics,
    Executor blockingIo,
    DeviceSettings settings,
    Function<Target, DeviceSession> sessions,
    RateStore rates) {

  /** An environment whose devices keep their readings to themselves (one node, tests). */
  public DeviceEnvironment(String nodeId, TargetLookup targets, CollectorRegistry collectors, PipelineEntry entry,
      PipelineMetrics metrics, Executor blockingIo, DeviceSettings settings, Function<Target, DeviceSession> sessions) {
    this(nodeId, targets, collectors, entry, metrics, blockingIo, settings, sessions, RateStore.none());
  }
}
