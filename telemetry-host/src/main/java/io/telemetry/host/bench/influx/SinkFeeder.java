package io.telemetry.host.bench.influx;

import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.pipeline.SamplePipeline;
import io.telemetry.pipeline.SinkBranch;
import io.telemetry.pipeline.SinkCounters;
import io.telemetry.sink.influx.InfluxSampleSink;
import io.telemetry.sink.influx.InfluxSinkSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs pre-built poll batches through the InfluxDB sink as the node does (the pipeline's bounded
 * entry, the sink's own buffer, {@link InfluxSampleSink}'s flow: encoding, batching, HTTP), handing
 * them over as fast as the entry takes them, and times them from the first hand-over until the
 * stream has written the last one and ended (ending flushes the last partial request at once
 * instead of after {@code batch-interval}).
 */
final class SinkFeeder {

  /** How long the sink may take after the last hand-over before the measurement gives up. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

  /**
   * What one pass did.
   *
   * @param nanos          from the first hand-over until the stream ended
   * @param counters       the sink's counters at the end (written, failed, dropped, rejected, retries)
   * @param bufferDepthMax the most poll batches seen waiting in the sink's buffer
   */
  record Pass(long nanos, SinkCounters.Snapshot counters, int bufferDepthMax) {}

  private final ActorSystem<?> system;
  private final int entryCapacity;

  SinkFeeder(ActorSystem<?> system, int entryCapacity) {
    this.system = system;
    this.entryCapacity = entryCapacity;
  }

  /** One pass through a fresh pipeline (a fresh sink materialisation: its own HTTP client). */
  Pass run(InfluxSinkSettings settings, List<PollBatch> batches) throws InterruptedException {
    PipelineMetrics metrics = new PipelineMetrics();
    SamplePipeline pipeline = SamplePipeline.start(system, entryCapacity,
        List.of(new SinkBranch(new InfluxSampleSink(settings), settings.bufferBatches(), settings.overflow(), true)),
        metrics);
    SinkCounters counters = metrics.sink(InfluxSampleSink.NAME);
    int depthMax = 0;
    long started = System.nanoTime();
    int handed = 0;
    for (PollBatch batch : batches) {
      while (!pipeline.offer(batch)) {
        depthMax = Math.max(depthMax, counters.snapshot().bufferDepth());
        // The entry is full: the sink is the bottleneck, as wanted. The entry holds seconds of
        // writes, so waiting a millisecond never starves the sink, and costs little CPU.
        LockSupport.parkNanos(1_000_000);
      }
      if ((++handed & 63) == 0) {
        depthMax = Math.max(depthMax, counters.snapshot().bufferDepth());
      }
    }
    pipeline.complete();
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    CompletableFuture<?> drained = pipeline.drained().toCompletableFuture();
    while (!drained.isDone()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("influx bench: the sink had not written " + batches.size()
            + " poll batches " + DRAIN_TIMEOUT + " after the last was handed over; counters: " + counters.snapshot());
      }
      depthMax = Math.max(depthMax, counters.snapshot().bufferDepth());
      try {
        drained.get(10, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillWriting) {
        // Sample the buffer's depth again.
      } catch (ExecutionException e) {
        throw new IllegalStateException("influx bench: the sink's stream failed", e.getCause());
      }
    }
    long nanos = System.nanoTime() - started;
    return new Pass(nanos, counters.snapshot(), depthMax);
  }
}
