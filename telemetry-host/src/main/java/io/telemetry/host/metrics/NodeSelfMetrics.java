package io.telemetry.host.metrics;

import com.typesafe.config.Config;
import io.telemetry.device.DeviceActor;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.SamplePipeline;
import io.telemetry.selfmetrics.InternalMeasurement;
import io.telemetry.selfmetrics.JvmMetricsSource;
import io.telemetry.selfmetrics.PipelineMetricsSource;
import io.telemetry.selfmetrics.SelfMetrics;
import io.telemetry.selfmetrics.ShardMetricsSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A node's self-metrics: registers its sources (pipeline, JVM, and the device shard region on
 * collectors) and, when {@code telemetry.self-metrics.internal-measurement} is on, sends them
 * through the pipeline as {@code telemetry_internal} every interval.
 */
public final class NodeSelfMetrics {

  /** How long a scrape waits for the local shard region's state. */
  private static final Duration SHARD_STATE_TIMEOUT = Duration.ofSeconds(3);

  private NodeSelfMetrics() {}

  public static void start(ActorSystem<?> system, Config telemetry, String nodeId, PipelineMetrics metrics,
      SamplePipeline pipeline, boolean collector) {
    SelfMetricsSettings settings = SelfMetricsSettings.fromConfig(telemetry);
    SelfMetrics self = SelfMetrics.get(system);
    // A node without the collector role (e.g. correlator only) has no pipeline: no pipeline
    // figures, and nothing to carry telemetry_internal.
    if (metrics != null) {
      self.register(new PipelineMetricsSource(metrics, pipeline));
    }
    self.register(new JvmMetricsSource());
    if (collector) {
      self.register(new ShardMetricsSource(system, DeviceActor.ENTITY_TYPE, SHARD_STATE_TIMEOUT));
    }
    if (settings.internalMeasurement() && pipeline == null) {
      system.log().warn("telemetry.self-metrics.internal-measurement is on, but node {} runs no pipeline (no collector"
          + " role): it writes no telemetry_internal; its figures are on GET /metrics only", nodeId);
    } else if (settings.internalMeasurement()) {
      Cancellable schedule = InternalMeasurement.start(system, self, pipeline, nodeId, settings.interval());
      // Stop before the pipeline drains, so nothing is offered to a closing stream.
      CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-internal-measurement",
          () -> {
            schedule.cancel();
            return CompletableFuture.completedFuture(Done.getInstance());
          });
    }
  }
}
