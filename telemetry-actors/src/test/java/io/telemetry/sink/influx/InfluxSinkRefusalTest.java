package io.telemetry.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.sample.Sample;
import io.telemetry.testsupport.RecordingHttpServer;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import io.telemetry.testsupport.RecordingHttpServer.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Bad data is isolated and counted; configuration errors fail their batches; the flow goes on. */
class InfluxSinkRefusalTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String CONFLICT = "{\"error\":\"partial write: field type conflict: input field \\\"in_octets\\\""
      + " on measurement \\\"interface\\\" is type float, already exists as type integer dropped=1\"}";

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Refuses (with {@code status}) every request that carries the interface "bad"; stores the rest. */
  private static RecordingHttpServer refusingBadLines(int status, String body, List<Request> accepted) {
    return RecordingHttpServer.start(request -> {
      if (request.body().contains("interface=bad")) {
        return Reply.of(status, body);
      }
      synchronized (accepted) {
        accepted.add(request);
      }
      return Reply.noContent();
    });
  }

  /** A poll of 20 interfaces where the 13th is the bad one; it carries 2 values. */
  private static PollBatch pollWithOneBadLine(String device) {
    List<Sample> samples = new ArrayList<>(InfluxFlowHarness.batch(device, 0, 20).samples());
    Sample good = samples.get(13);
    samples.set(13, new Sample(device, good.family(), good.time(), Map.of("interface", "bad"), good.counters(),
        good.gauges(), good.rates(), 64, ""));
    return new PollBatch(device, samples);
  }

  @Test
  void oneBadLineIsIsolatedTheGoodOnesAreWrittenOnceAndTheBadOneCountedAndNamed() {
    List<Request> accepted = new ArrayList<>();
    try (RecordingHttpServer server = refusingBadLines(400, CONFLICT, accepted);
        LogCapture log = new LogCapture(InfluxBatchWriter.class);
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), "batch-interval = 20ms"))) {
      PollBatch poll = pollWithOneBadLine("edge1.ams1");
      PollBatch other = InfluxFlowHarness.batch("core1.fra2", 0, 5);
      flow.offer(poll, other);

      List<BatchDelivery> deliveries = flow.awaitDeliveries(2, WAIT);
      assertEquals(List.of(poll, other), deliveries.stream().map(BatchDelivery::batch).toList());
      deliveries.forEach(d -> assertTrue(d.delivered(), "a bad point must not fail its batch: " + d));

      Map<String, Integer> expected = new TreeMap<>();
      for (int i = 0; i < 20; i++) {
        if (i != 13) {
          expected.put("edge1.ams1/ge-0/0/" + i, 1);
        }
      }
      for (int i = 0; i < 5; i++) {
        expected.put("core1.fra2/ge-0/0/" + i, 1);
      }
      synchronized (accepted) {
        assertEquals(expected, InfluxSinkRetryTest.writtenSeries(accepted), "every good line exactly once");
      }
      assertEquals(2, flow.counters.snapshot().rejectedPoints(), "the bad point's two values");
      assertEquals(0, flow.counters.snapshot().retries(), "bad data is not retried as is");

      List<String> named = log.messages().stream().filter(m -> m.startsWith("WARN") && m.contains("refused the point")).toList();
      assertEquals(1, named.size(), log.messages().toString());
      assertTrue(named.get(0).contains("device edge1.ams1"), named.get(0));
      assertTrue(named.get(0).contains("edge1.ams1/interface,interface=bad"), named.get(0));
      assertTrue(named.get(0).contains("HTTP 400"), named.get(0));
      assertTrue(named.get(0).contains("field type conflict"), named.get(0));

      // The flow goes on.
      PollBatch later = InfluxFlowHarness.batch("edge1.ams1", 100, 2);
      flow.offer(later);
      assertTrue(flow.awaitDeliveries(3, WAIT).get(2).delivered());
    }
  }

  @Test
  void v3RefusesBadLinesWith422AndTheyAreIsolatedToo() {
    List<Request> accepted = new ArrayList<>();
    String v3Error = "{\"error\":\"write buffer error: parsing for line protocol failed\",\"data\":[{\"original_line\":\"...\","
        + "\"line_number\":1,\"error_message\":\"invalid column type for column 'in_octets', expected iox::column_type::field::integer\"}]}";
    try (RecordingHttpServer server = refusingBadLines(422, v3Error, accepted);
        LogCapture log = new LogCapture(InfluxBatchWriter.class);
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), "batch-interval = 20ms, dialect = v3, database = net"))) {
      PollBatch poll = pollWithOneBadLine("r9");
      flow.offer(poll);
      assertTrue(flow.awaitDeliveries(1, WAIT).get(0).delivered());
      synchronized (accepted) {
        assertEquals(19, InfluxSinkRetryTest.writtenSeries(accepted).size());
        assertFalse(InfluxSinkRetryTest.writtenSeries(accepted).values().stream().anyMatch(n -> n != 1));
      }
      assertEquals(2, flow.counters.snapshot().rejectedPoints());
      assertTrue(log.messages().stream().anyMatch(m -> m.contains("r9/interface,interface=bad")
          && m.contains("HTTP 422") && m.contains("invalid column type")), log.messages().toString());
    }
  }

  @Test
  void unauthorisedFailsTheBatchNamingTheCredentialsAndTheFlowGoesOn() {
    AtomicInteger calls = new AtomicInteger();
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> calls.incrementAndGet() == 1
            ? Reply.of(401, "{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}")
            : Reply.noContent());
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(), InfluxFlowHarness.settings(server.uri(),
            "batch-interval = 20ms, dialect = v2, bucket = b, token = wrong"))) {
      flow.offer(InfluxFlowHarness.batch("edge1.ams1", 0, 3));
      BatchDelivery refused = flow.awaitDeliveries(1, WAIT).get(0);
      assertFalse(refused.delivered());
      String message = refused.failure().orElseThrow().getMessage();
      assertTrue(message.startsWith("device edge1.ams1: "), message);
      assertTrue(message.contains("HTTP 401"), message);
      assertTrue(message.contains("unauthorized access"), message);
      assertTrue(message.contains("telemetry.influx.token"), message);
      assertEquals(1, server.requests().size(), "a configuration error is not retried");
      assertEquals(0, flow.counters.snapshot().retries());

      flow.offer(InfluxFlowHarness.batch("edge1.ams1", 3, 3));
      assertTrue(flow.awaitDeliveries(2, WAIT).get(1).delivered(), "the flow goes on");
    }
  }

  @Test
  void databaseNotFoundFailsEveryBatchOfTheWriteNamingTheDatabaseSetting() {
    AtomicInteger calls = new AtomicInteger();
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> calls.incrementAndGet() == 1
            ? Reply.of(404, "{\"error\":\"database not found: \\\"telemetry\\\"\"}")
            : Reply.noContent());
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), "batch-interval = 200ms"))) {
      PollBatch a = InfluxFlowHarness.batch("r1", 0, 2);
      PollBatch b = InfluxFlowHarness.batch("r2", 0, 2);
      flow.offer(a, b); // one write carries both
      List<BatchDelivery> deliveries = flow.awaitDeliveries(2, WAIT);
      assertEquals(1, server.requests().size());
      for (BatchDelivery delivery : deliveries) {
        assertFalse(delivery.delivered());
        String message = delivery.failure().orElseThrow().getMessage();
        assertTrue(message.startsWith("device " + delivery.batch().device() + ": "), message);
        assertTrue(message.contains("database not found"), message);
        assertTrue(message.contains("telemetry.influx.database"), message);
      }
      flow.offer(InfluxFlowHarness.batch("r3", 0, 2));
      assertTrue(flow.awaitDeliveries(3, WAIT).get(2).delivered(), "the flow goes on");
    }
  }

  @Test
  void valuesTheEncoderCannotWriteAreCountedAndTheRestDelivered() {
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> Reply.noContent());
        InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(),
            InfluxFlowHarness.settings(server.uri(), "batch-interval = 20ms"))) {
      Sample nan = new Sample("r1", "route_engine", InfluxFlowHarness.T0, Map.of("slot", "0"), Map.of(),
          Map.of("cpu_idle", Double.NaN), Map.of(), 64, "");
      Sample huge = new Sample("r1", "interface", InfluxFlowHarness.T0, Map.of("interface", "et-0/0/0"),
          Map.of("in_octets", -1L, "out_octets", 5L), Map.of(), Map.of(), 64, "");
      flow.offer(new PollBatch("r1", List.of(nan, huge)));
      assertTrue(flow.awaitDeliveries(1, WAIT).get(0).delivered());
      assertEquals(2, flow.counters.snapshot().rejectedPoints());
      List<String> lines = server.requests().get(0).lines();
      assertEquals(1, lines.size(), "the sample with nothing left is not sent");
      assertEquals(Map.of("out_octets", 5L), LineProtocolReader.both(lines.get(0)).fields());
    }
  }
}
