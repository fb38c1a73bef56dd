package io.telemetry.it.influx;

import com.typesafe.config.ConfigFactory;
import io.telemetry.it.support.Await;
import io.telemetry.pipeline.OverflowPolicy;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.pipeline.SamplePipeline;
import io.telemetry.pipeline.SinkBranch;
import io.telemetry.pipeline.SinkCounters;
import io.telemetry.sink.influx.InfluxSampleSink;
import io.telemetry.sink.influx.InfluxSinkSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The InfluxDB sink alone in the node's pipeline (its own buffer, its counters), fed with crafted
 * poll batches: for what simulated devices never send.
 */
final class SinkPipeline {

  private final PipelineMetrics metrics = new PipelineMetrics();
  private final SamplePipeline pipeline;

  SinkPipeline(ActorSystem<?> system, URI url, String database) {
    InfluxSinkSettings settings = InfluxSinkSettings.fromConfig(ConfigFactory.parseString(
            "url = \"" + url + "\", database = \"" + database + "\", batch-interval = 100ms,"
                + " token = \"\", username = \"\", password = \"\"")
        .withFallback(ConfigFactory.defaultReference().getConfig("telemetry.influx")));
    pipeline = SamplePipeline.start(system, 16,
        List.of(new SinkBranch(new InfluxSampleSink(settings), 16, OverflowPolicy.BACKPRESSURE, true)), metrics);
  }

  private void offer(PollBatch batch) {
    Await.until("room in the pipeline", Duration.ofSeconds(10), pipeline::hasRoom);
    if (!pipeline.offer(batch)) {
      throw new AssertionError("the pipeline refused a batch of " + batch.device());
    }
  }

  private long offeredSamples;

  /** Offers the batches and waits until the sink has handled them all. */
  void write(PollBatch... batches) {
    for (PollBatch batch : batches) {
      offeredSamples += batch.samples().size();
      offer(batch);
    }
    Await.until("the sink handled " + offeredSamples + " samples", Duration.ofSeconds(30),
        () -> metrics.total().deliveredSamples() + metrics.total().failedSamples() >= offeredSamples,
        () -> counters().toString());
  }

  SinkCounters.Snapshot counters() {
    return metrics.sinks().get(InfluxSampleSink.NAME);
  }

  void close() throws Exception {
    pipeline.complete();
    pipeline.drained().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
