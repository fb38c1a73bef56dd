package io.telemetry.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.sink.influx.LineProtocolReader.Point;
import io.telemetry.testsupport.RecordingHttpServer;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import io.telemetry.testsupport.RecordingHttpServer.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each dialect puts on the wire: path, query, authentication, body. */
class InfluxSinkDialectsTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final RecordingHttpServer server = RecordingHttpServer.start(request -> Reply.noContent());

  @AfterEach
  void stopServer() {
    server.close();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private Request writeOnePoll(String overrides) {
    InfluxSinkSettings settings = InfluxFlowHarness.settings(server.uri(), "batch-interval = 50ms\n" + overrides);
    try (InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(), settings)) {
      flow.offer(InfluxFlowHarness.batch("edge1.ams1", 0, 2));
      List<BatchDelivery> deliveries = flow.awaitDeliveries(1, WAIT);
      assertTrue(deliveries.get(0).delivered(), deliveries.toString());
      List<Request> requests = server.awaitRequests(1, WAIT);
      assertEquals(1, requests.size());
      return requests.get(0);
    }
  }

  @Test
  void v1WritesToTheDatabaseWithBasicAuth() {
    Request request = writeOnePoll("dialect = v1, database = telemetry, retention-policy = two_weeks,"
        + " username = writer, password = \"s3cret\"");

    assertEquals("POST", request.method());
    assertEquals("/write", request.path());
    assertEquals(Map.of("db", "telemetry", "rp", "two_weeks", "precision", "ns"), request.query());
    // "writer:s3cret" in Base64 (base64(1)).
    assertEquals(Optional.of("Basic d3JpdGVyOnMzY3JldA=="), request.header("Authorization"));
    assertEquals(Optional.of("text/plain; charset=utf-8"), request.header("Content-Type"));
    assertEquals(Optional.empty(), request.header("Content-Encoding"));
    assertTwoInterfacePoints(request);
  }

  @Test
  void v1WithoutCredentialsSendsNoAuthorization() {
    Request request = writeOnePoll("dialect = v1");
    assertEquals(Map.of("db", "telemetry", "precision", "ns"), request.query());
    assertEquals(Optional.empty(), request.header("Authorization"));
  }

  @Test
  void v2WritesToTheBucketWithAToken() {
    Request request = writeOnePoll("dialect = v2, org = \"network ops\", bucket = telemetry, token = \"tok-en==\"");

    assertEquals("/api/v2/write", request.path());
    assertEquals(Map.of("org", "network ops", "bucket", "telemetry", "precision", "ns"), request.query());
    assertEquals(Optional.of("Token tok-en=="), request.header("Authorization"));
    assertEquals(Optional.of("text/plain; charset=utf-8"), request.header("Content-Type"));
    assertTwoInterfacePoints(request);
  }

  @Test
  void v3WritesToTheDatabaseWithABearerTokenAndNoPartialWrites() {
    Request request = writeOnePoll("dialect = v3, database = metrics, token = apiv3_abc");

    assertEquals("/api/v3/write_lp", request.path());
    assertEquals(Map.of("db", "metrics", "precision", "nanosecond", "accept_partial", "false"), request.query());
    assertEquals(Optional.of("Bearer apiv3_abc"), request.header("Authorization"));
    assertEquals(Optional.of("text/plain; charset=utf-8"), request.header("Content-Type"));
    assertTwoInterfacePoints(request);
  }

  @Test
  void gzipAndAPathPrefix() {
    InfluxSinkSettings settings = InfluxFlowHarness.settings(server.uri(), "batch-interval = 50ms, gzip = on")
        .withUrl(java.net.URI.create(server.uri() + "/influx/"));
    try (InfluxFlowHarness flow = new InfluxFlowHarness(testKit.system(), settings)) {
      flow.offer(InfluxFlowHarness.batch("edge1.ams1", 0, 2));
      assertTrue(flow.awaitDeliveries(1, WAIT).get(0).delivered());
    }
    Request request = server.awaitRequests(1, WAIT).get(0);
    assertEquals("/influx/write", request.path());
    assertEquals(Optional.of("gzip"), request.header("Content-Encoding"));
    assertTwoInterfacePoints(request); // the recording server gunzipped it
  }

  /** The body: one line per sample, newline-terminated, in the documented data model. */
  private static void assertTwoInterfacePoints(Request request) {
    assertTrue(request.body().endsWith("\n"), request.body());
    List<String> lines = request.lines();
    assertEquals(2, lines.size(), request.body());
    for (int i = 0; i < 2; i++) {
      Point point = LineProtocolReader.both(lines.get(i));
      assertEquals("interface", point.measurement());
      assertEquals(Map.of("device", "edge1.ams1", "interface", "ge-0/0/" + i), point.tags());
      assertEquals(Map.of("in_octets", 1000L + i, "oper_status", 1.0), point.fields());
      // 2025-01-01T00:00:00Z = 1735689600 s; sample i is i ns later.
      assertEquals(1_735_689_600_000_000_000L + i, point.timestamp());
    }
  }
}
