package io.telemetry.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The pipeline applies its enrichment function to every sample before the sinks, and survives it failing. */
class SamplePipelineEnrichmentTest {

  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  /** Hands every batch it gets to the test, delivered. */
  private record Recording(String name, LinkedBlockingQueue<PollBatch> seen) implements SampleSink {
    @Override
    public Flow<PollBatch, BatchDelivery, NotUsed> flow(SinkCounters counters) {
      return Flow.<PollBatch>create().map(batch -> {
        seen.add(batch);
        return BatchDelivery.delivered(name, batch);
      });
    }
  }

  private static Sample sample(String family, String tag) {
    return new Sample("mx1", family, Instant.parse("2024-05-06T07:00:00Z"), Map.of("t", tag), Map.of(), Map.of(),
        Map.of(), 64, "");
  }

  @Test
  void everySinkGetsTheEnrichedSamplesAndAFailingEnrichmentPassesTheSampleOn() throws Exception {
    LinkedBlockingQueue<PollBatch> kafka = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<PollBatch> influx = new LinkedBlockingQueue<>();
    PipelineMetrics metrics = new PipelineMetrics();
    SamplePipeline pipeline = SamplePipeline.start(KIT.system(), 4, List.of(
        new SinkBranch(new Recording("kafka", kafka), 4, OverflowPolicy.BACKPRESSURE, true),
        new SinkBranch(new Recording("influx", influx), 4, OverflowPolicy.BACKPRESSURE, false)),
        metrics, sample -> {
          if (sample.family().equals("broken")) {
            throw new IllegalStateException("map lookup bug");
          }
          Map<String, String> tags = new java.util.HashMap<>(sample.tags());
          tags.put("site", "ams1");
          return new Sample(sample.device(), sample.family(), sample.time(), tags, sample.counters(), sample.gauges(),
              sample.rates(), sample.counterBits(), sample.discontinuity());
        });
    assertTrue(pipeline.offer(new PollBatch("mx1", List.of(sample("interface", "a"), sample("broken", "b")))));
    for (LinkedBlockingQueue<PollBatch> sink : List.of(kafka, influx)) {
      PollBatch got = sink.poll(10, TimeUnit.SECONDS);
      assertEquals(Map.of("t", "a", "site", "ams1"), got.samples().get(0).tags());
      assertEquals(Map.of("t", "b"), got.samples().get(1).tags(), "delivered without enrichment tags");
    }
    pipeline.complete();
    pipeline.drained().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(2, metrics.total().deliveredSamples(), "both samples counted as delivered");
  }
}
