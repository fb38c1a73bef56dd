package io.telemetry.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.testsupport.RecordingHttpServer;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import io.telemetry.testsupport.RecordingHttpServer.Request;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Batching by size and by time, one delivery per poll in order, bounded writes in flight. */
class InfluxSinkBatchingTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Duration WAIT = Duration.ofSeconds(15);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aFullBatchIsWrittenAtOnceWithoutWaitingForTheInterval() {
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> Reply.noContent());
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), "batch-points = 10, batch-interval = 1h"))) {
      PollBatch a = InfluxFlowHarness.batch("r1", 0, 5);
      PollBatch b = InfluxFlowHarness.batch("r2", 0, 5);
      PollBatch c = InfluxFlowHarness.batch("r3", 0, 5);
      PollBatch d = InfluxFlowHarness.batch("r4", 0, 5);
      flow.offer(a, b, c);

      List<Request> first = server.awaitRequests(1, WAIT);
      assertEquals(10, first.get(0).lines().size(), "two polls of 5 fill a batch of 10");
      assertEquals(List.of(a, b), batches(flow.awaitDeliveries(2, WAIT)));

      flow.offer(d);
      List<Request> both = server.awaitRequests(2, WAIT);
      assertEquals(10, both.get(1).lines().size());
      assertEquals(List.of(a, b, c, d), batches(flow.awaitDeliveries(4, WAIT)));
      assertEquals(2, server.requests().size());
    }
  }

  @Test
  void aSmallBatchIsWrittenWhenTheIntervalEnds() {
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> Reply.noContent());
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), "batch-points = 5000, batch-interval = 200ms"))) {
      PollBatch poll = InfluxFlowHarness.batch("r1", 0, 3);
      flow.offer(poll);
      // The input stays open: only the interval can have sent this.
      assertEquals(3, server.awaitRequests(1, WAIT).get(0).lines().size());
      BatchDelivery delivery = flow.awaitDeliveries(1, WAIT).get(0);
      assertTrue(delivery.delivered());
      assertEquals(poll, delivery.batch());
      assertEquals("influx", delivery.sink());
    }
  }

  @Test
  void aPollLargerThanABatchGoesOutInSeveralRequestsAndIsDeliveredOnce() {
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> Reply.noContent());
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), "batch-points = 4, batch-interval = 100ms"))) {
      PollBatch big = InfluxFlowHarness.batch("big", 0, 10);
      flow.offer(big);
      List<BatchDelivery> deliveries = flow.awaitDeliveries(1, WAIT);
      assertEquals(List.of(big), batches(deliveries));
      assertTrue(deliveries.get(0).delivered());
      List<Integer> sizes = server.requests().stream().map(r -> r.lines().size()).toList();
      assertEquals(List.of(4, 4, 2), sizes);
    }
  }

  @Test
  void pollsWithoutSamplesAreDeliveredInTheirPlace() throws Exception {
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> Reply.noContent());
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), "batch-points = 3, batch-interval = 100ms"))) {
      PollBatch a = InfluxFlowHarness.batch("r1", 0, 2);
      PollBatch empty = new PollBatch("r2", List.of());
      PollBatch c = InfluxFlowHarness.batch("r3", 0, 2);
      flow.offer(a, empty, c);
      flow.complete().toCompletableFuture().get(15, TimeUnit.SECONDS);
      List<BatchDelivery> deliveries = flow.deliveries();
      assertEquals(List.of(a, empty, c), batches(deliveries));
      deliveries.forEach(d -> assertTrue(d.delivered(), d.toString()));
      assertEquals(4, server.requests().stream().mapToInt(r -> r.lines().size()).sum());
    }
  }

  @Test
  void noMoreThanParallelismWritesAreInFlight() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> {
          release.await(30, TimeUnit.SECONDS);
          return Reply.noContent();
        });
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), "batch-points = 1, batch-interval = 10ms, parallelism = 2"))) {
      for (int i = 0; i < 6; i++) {
        flow.offer(InfluxFlowHarness.batch("r" + i, 0, 1));
      }
      server.awaitInFlight(2, WAIT);
      // Six writes are ready; the sink must not start a third while two are held. Give it the
      // chance: a violation would show within this time.
      Thread.sleep(500);
      assertEquals(2, server.requests().size(), "requests started while two were held");
      assertEquals(List.of(), flow.deliveries());

      release.countDown();
      List<BatchDelivery> deliveries = flow.awaitDeliveries(6, WAIT);
      assertEquals(6, server.requests().size());
      assertEquals(2, server.maxInFlight());
      for (int i = 0; i < 6; i++) {
        assertEquals("r" + i, deliveries.get(i).batch().device(), "deliveries keep the input order");
        assertTrue(deliveries.get(i).delivered());
      }
    }
  }

  private static List<PollBatch> batches(List<BatchDelivery> deliveries) {
    return deliveries.stream().map(BatchDelivery::batch).toList();
  }
}
