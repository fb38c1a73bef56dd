package io.telemetry.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.sink.influx.LineProtocolReader.Point;
import io.telemetry.testsupport.RecordingHttpServer;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import io.telemetry.testsupport.RecordingHttpServer.Request;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Transient trouble is retried with backoff, counted, and loses nothing. */
class InfluxSinkRetryTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String FAST = "batch-interval = 20ms, retry-backoff-min = 20ms, retry-backoff-max = 2s";

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void serverErrorsAndThrottlingAreRetriedHonouringRetryAfterSeconds() {
    AtomicInteger calls = new AtomicInteger();
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> switch (calls.incrementAndGet()) {
          case 1 -> Reply.of(500, "{\"error\":\"timeout\"}");
          case 2 -> Reply.of(503, "{\"error\":\"engine: cache maximum memory size exceeded\"}");
          case 3 -> Reply.of(429, "{\"code\":\"too many requests\"}").withHeader("Retry-After", "1");
          default -> Reply.noContent();
        });
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(), InfluxFlowHarness.settings(server.uri(), FAST))) {
      PollBatch poll = InfluxFlowHarness.batch("r1", 0, 3);
      flow.offer(poll);

      BatchDelivery delivery = flow.awaitDeliveries(1, WAIT).get(0);
      assertTrue(delivery.delivered(), delivery.toString());
      assertEquals(3, flow.counters.snapshot().retries());
      List<Request> requests = server.requests();
      assertEquals(4, requests.size());
      requests.forEach(r -> assertEquals(requests.get(0).body(), r.body(), "a retry resends the same write"));
      Duration afterThrottle = Duration.between(requests.get(2).received(), requests.get(3).received());
      // The backoff alone would be about 80 ms here; Retry-After asked for a second.
      assertTrue(afterThrottle.toMillis() >= 900, "Retry-After: 1 not honoured, retried after " + afterThrottle);
    }
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    AtomicInteger calls = new AtomicInteger();
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> {
          if (calls.incrementAndGet() == 1) {
            String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3));
            return Reply.of(503, "").withHeader("Retry-After", at);
          }
          return Reply.noContent();
        });
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), FAST + ", retry-backoff-max = 10s"))) {
      flow.offer(InfluxFlowHarness.batch("r1", 0, 1));
      assertTrue(flow.awaitDeliveries(1, WAIT).get(0).delivered());
      List<Request> requests = server.requests();
      assertEquals(2, requests.size());
      Duration waited = Duration.between(requests.get(0).received(), requests.get(1).received());
      // An HTTP date has whole seconds: "now + 3 s" is 2..3 s away.
      assertTrue(waited.toMillis() >= 1900, "Retry-After date not honoured, retried after " + waited);
      assertEquals(1, flow.counters.snapshot().retries());
    }
  }

  @Test
  void connectionRefusedIsRetriedUntilTheServerComesAndNothingIsLostOrReordered() throws Exception {
    int port = freePort();
    InfluxSinkSettings settings = InfluxFlowHarness.settings(URI.create("http://127.0.0.1:" + port),
        "batch-points = 2, batch-interval = 20ms, parallelism = 2, retry-backoff-min = 20ms, retry-backoff-max = 200ms");
    try (InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(), settings)) {
      List<PollBatch> polls = List.of(InfluxFlowHarness.batch("r1", 0, 2), InfluxFlowHarness.batch("r2", 0, 2),
          InfluxFlowHarness.batch("r3", 0, 2));
      polls.forEach(flow::offer);
      RecordingHttpServer.await(() -> flow.counters.snapshot().retries() >= 4, WAIT,
          () -> "expected retries while nothing listens, got " + flow.counters.snapshot());
      assertEquals(List.of(), flow.deliveries(), "nothing is delivered while the server is down");

      try (RecordingHttpServer server = RecordingHttpServer.start(port, request -> Reply.noContent())) {
        List<BatchDelivery> deliveries = flow.awaitDeliveries(3, WAIT);
        assertEquals(polls, deliveries.stream().map(BatchDelivery::batch).toList());
        deliveries.forEach(d -> assertTrue(d.delivered(), d.toString()));
        assertEquals(Map.of("r1/ge-0/0/0", 1, "r1/ge-0/0/1", 1, "r2/ge-0/0/0", 1, "r2/ge-0/0/1", 1,
            "r3/ge-0/0/0", 1, "r3/ge-0/0/1", 1), writtenSeries(server.requests()));
      }
    }
  }

  @Test
  void aTimeoutIsRetried() {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> {
          if (calls.incrementAndGet() == 1) {
            never.await(5, TimeUnit.SECONDS); // longer than the request timeout
          }
          return Reply.noContent();
        });
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), FAST + ", request-timeout = 1s"))) {
      flow.offer(InfluxFlowHarness.batch("r1", 0, 1));
      assertTrue(flow.awaitDeliveries(1, WAIT).get(0).delivered());
      assertEquals(1, flow.counters.snapshot().retries());
      assertEquals(2, server.requests().size());
      never.countDown();
    }
  }

  @Test
  void aRetriedWriteKeepsLaterPollsBehindItInTheOutput() {
    AtomicInteger slowCalls = new AtomicInteger();
    try (RecordingHttpServer server = RecordingHttpServer.start(request ->
            request.body().contains("device=slow") && slowCalls.incrementAndGet() <= 2
                ? Reply.of(503, "busy")
                : Reply.noContent());
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), FAST + ", batch-points = 1, parallelism = 2"))) {
      PollBatch slow = InfluxFlowHarness.batch("slow", 0, 1);
      PollBatch fast = InfluxFlowHarness.batch("fast", 0, 1);
      flow.offer(slow, fast);
      List<BatchDelivery> deliveries = flow.awaitDeliveries(2, WAIT);
      // The server took "fast" first (while "slow" waited for its retries) ...
      List<String> arrivals = server.requests().stream()
          .map(r -> r.body().contains("device=slow") ? "slow" : "fast").toList();
      assertEquals(4, arrivals.size(), arrivals.toString());
      assertTrue(arrivals.indexOf("fast") < arrivals.lastIndexOf("slow"), arrivals.toString());
      // ... yet the deliveries keep the input order.
      assertEquals(List.of(slow, fast), deliveries.stream().map(BatchDelivery::batch).toList());
      deliveries.forEach(d -> assertTrue(d.delivered(), d.toString()));
      assertEquals(2, flow.counters.snapshot().retries());
    }
  }

  /** device/interface -> how many accepted requests carried that series. */
  static Map<String, Integer> writtenSeries(List<Request> accepted) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Request request : accepted) {
      for (String line : request.lines()) {
        Point point = LineProtocolReader.both(line);
        counts.merge(point.tags().get("device") + "/" + point.tags().get("interface"), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
