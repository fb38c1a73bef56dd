package io.telemetry.selfmetrics;

import io.telemetry.pipeline.PipelineEntry;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.sample.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code interval}, the node's self-metrics as one batch of {@code telemetry_internal}
 * samples (device = node id) offered to the pipeline entry. When the entry is full the interval's
 * samples are skipped: device data goes first, and the next interval carries the counters again.
 */
public final class InternalMeasurement {

  private static final Logger log = LoggerFactory.getLogger(InternalMeasurement.class);

  private InternalMeasurement() {}

  /** Starts the schedule; cancel the returned handle to stop it. */
  public static Cancellable start(ActorSystem<?> system, SelfMetrics metrics, PipelineEntry entry, String nodeId,
      Duration interval) {
    return system.scheduler().scheduleAtFixedRate(interval, interval,
        () -> metrics.collect().thenAccept(families -> offer(entry, nodeId, families)),
        system.executionContext());
  }

  static void offer(PipelineEntry entry, String nodeId, List<MetricFamily> families) {
    List<Sample> samples = InternalSamples.of(nodeId, Instant.now(), families);
    if (samples.isEmpty()) {
      return;
    }
    try {
      if (!entry.offer(new PollBatch(nodeId, samples))) {
        log.info("self-metrics: pipeline entry full, {} telemetry_internal samples of node {} skipped this interval",
            samples.size(), nodeId);
      }
    } catch (IllegalStateException streamClosed) {
      log.debug("self-metrics: pipeline closed, telemetry_internal samples of node {} not sent", nodeId);
    }
  }
}
