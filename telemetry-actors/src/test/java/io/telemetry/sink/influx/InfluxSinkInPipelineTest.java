package io.telemetry.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.pipeline.OverflowPolicy;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.SamplePipeline;
import io.telemetry.pipeline.SinkBranch;
import io.telemetry.pipeline.SinkCounters;
import io.telemetry.testsupport.RecordingHttpServer;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * While InfluxDB holds the writes, the sink's buffer fills and its overflow policy decides: drop
 * the oldest (counted; the pipeline keeps taking polls) or hold the pipeline's entry.
 */
class InfluxSinkInPipelineTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SLOW = "batch-points = 1, batch-interval = 10ms, parallelism = 1";

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void dropOldestKeepsThePipelineMovingAndCountsTheLoss() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> {
      release.await(30, TimeUnit.SECONDS);
      return Reply.noContent();
    })) {
      InfluxSampleSink sink = new InfluxSampleSink(InfluxFlowHarness.settings(server.uri(), SLOW));
      PipelineMetrics metrics = new PipelineMetrics();
      SamplePipeline pipeline = SamplePipeline.start(testKit.system(), 4,
          List.of(new SinkBranch(sink, 2, OverflowPolicy.DROP_OLDEST, false)), metrics);
      SinkCounters counters = metrics.sink(InfluxSampleSink.NAME);

      for (int i = 0; i < 30; i++) {
        int poll = i;
        // The entry (capacity 4) keeps draining into the sink's buffer, which drops instead of waiting.
        RecordingHttpServer.await(() -> pipeline.offer(InfluxFlowHarness.batch("r" + poll, 0, 1)), WAIT,
            () -> "the pipeline stopped taking polls although the sink drops: " + counters.snapshot());
      }
      RecordingHttpServer.await(() -> counters.snapshot().droppedSamples() > 0, WAIT,
          () -> "nothing dropped while InfluxDB held the writes: " + counters.snapshot());

      release.countDown();
      pipeline.complete();
      pipeline.drained().toCompletableFuture().get(20, TimeUnit.SECONDS);
      SinkCounters.Snapshot end = counters.snapshot();
      assertEquals(30, end.writtenSamples() + end.droppedSamples(), end.toString());
      assertEquals(end.writtenSamples(), server.requests().stream().mapToInt(r -> r.lines().size()).sum());
    }
  }

  @Test
  void backpressureHoldsTheEntryAndLosesNothing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> {
      release.await(30, TimeUnit.SECONDS);
      return Reply.noContent();
    })) {
      InfluxSampleSink sink = new InfluxSampleSink(InfluxFlowHarness.settings(server.uri(), SLOW));
      PipelineMetrics metrics = new PipelineMetrics();
      SamplePipeline pipeline = SamplePipeline.start(testKit.system(), 4,
          List.of(new SinkBranch(sink, 2, OverflowPolicy.BACKPRESSURE, false)), metrics);

      int offered = 0;
      long deadline = System.nanoTime() + WAIT.toNanos();
      // Offer until the entry refuses: the held write, the sink's stages and buffer, then the entry fill up.
      while (pipeline.offer(InfluxFlowHarness.batch("r" + offered, 0, 1))) {
        offered++;
        assertTrue(offered < 1000 && System.nanoTime() < deadline, "the entry never filled: no backpressure");
        Thread.sleep(5); // let the stream take what it can, so only real backpressure fills the entry
      }
      assertEquals(0, metrics.sink(InfluxSampleSink.NAME).snapshot().droppedSamples());

      release.countDown();
      pipeline.complete();
      pipeline.drained().toCompletableFuture().get(20, TimeUnit.SECONDS);
      SinkCounters.Snapshot end = metrics.sink(InfluxSampleSink.NAME).snapshot();
      assertEquals(offered, end.writtenSamples(), end.toString());
      assertEquals(0, end.droppedSamples());
      assertEquals(offered, server.requests().stream().mapToInt(r -> r.lines().size()).sum());
    }
  }
}
