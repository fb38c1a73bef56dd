package io.telemetry.it.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.host.demo.LocalStack;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.it.support.Await;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PipelineMetrics.DeviceCounts;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.sink.influx.InfluxSampleSink;
import io.telemetry.sink.kafka.SampleRecord;
import io.telemetry.testsupport.RecordingHttpServer;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import io.telemetry.testsupport.RecordingHttpServer.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node with the InfluxDB sink in the v2 and v3 dialects, which influxd 1.6 cannot serve:
 * the recording HTTP server checks what arrives end to end (path, query, headers, body), and the
 * body's points are compared with the samples Kafka got.
 */
class InfluxDialectsIT {

  private static final int DEVICES = 2;
  private static final int POLLS = 3;
  /** 2 interfaces with a unit each, 1 route engine, the status of the collector's 2 requests. */
  private static final int SAMPLES_PER_POLL = 2 * 2 + 1 + 2;

  @TempDir
  static Path workDir;

  static LocalStack stack;
  static RecordingHttpServer server;

  @BeforeAll
  static void start() {
    stack = LocalStack.startWithoutNode(workDir, FleetSpec.of(DEVICES).withInterfaces(2));
    stack.broker().createTopics(NodeRuns.TOPICS.toArray(String[]::new));
    server = RecordingHttpServer.start(request -> Reply.noContent());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void v2WritesToTheBucketOfTheOrgWithAToken() {
    List<Request> requests = run("v2-node", "/api/v2/write",
        "dialect = v2, org = \"network ops\", bucket = \"telemetry metrics\", token = \"v2-secret\"\n");
    for (Request request : requests) {
      assertEquals(Map.of("org", "network ops", "bucket", "telemetry metrics", "precision", "ns"), request.query());
      assertEquals(Optional.of("Token v2-secret"), request.header("Authorization"));
      assertEquals(Optional.empty(), request.header("Content-Encoding"));
    }
  }

  @Test
  void v3WritesToTheDatabaseWithABearerTokenGzippedBehindAPathPrefix() {
    List<Request> requests = run("v3-node", "/influx/api/v3/write_lp",
        "dialect = v3, database = metrics, token = \"v3-secret\", gzip = on, url = \"" + server.uri() + "/influx\"\n");
    for (Request request : requests) {
      assertEquals(Map.of("db", "metrics", "precision", "nanosecond", "accept_partial", "false"), request.query());
      assertEquals(Optional.of("Bearer v3-secret"), request.header("Authorization"));
      assertEquals(Optional.of("gzip"), request.header("Content-Encoding"));
    }
  }

  /**
   * Runs a node writing to the recording server until every device was polled {@link #POLLS}
   * times, then checks what every request has in common and that the lines carry exactly the
   * samples Kafka got; returns the requests for the dialect's own checks.
   */
  private List<Request> run(String nodeId, String path, String dialect) {
    // Interfaces and route engines only: their names need no line-protocol escapes (SimpleLine).
    TelemetryNode node = stack.startNode(NodeRuns.interfacesAndRouteEngines(
            stack.fleet().targets(Duration.ofMillis(500), Duration.ofSeconds(10))),
        NodeRuns.influxOn(nodeId, server.uri(), "unused", dialect));
    PipelineMetrics metrics = node.metrics();
    long expected = (long) DEVICES * POLLS * SAMPLES_PER_POLL;
    Await.until(POLLS + " polls of every device in Kafka and at the server", Duration.ofSeconds(60),
        () -> metrics.total().deliveredSamples() >= expected
            && metrics.sinks().get(InfluxSampleSink.NAME).writtenSamples() >= expected,
        () -> metrics.total() + " " + metrics.sinks());
    node.close();
    DeviceCounts total = metrics.total();
    assertEquals(total.polledSamples(), metrics.sinks().get(InfluxSampleSink.NAME).writtenSamples());

    List<Request> requests = server.requests().stream().filter(r -> r.path().equals(path)).toList();
    assertFalse(requests.isEmpty(), "requests to " + path + ": " + server.requests());
    Map<String, Map<String, Object>> lines = new HashMap<>();
    for (Request request : requests) {
      assertEquals("POST", request.method());
      assertEquals(Optional.of("text/plain; charset=utf-8"), request.header("Content-Type"));
      assertTrue(request.body().endsWith("\n"), "every line ends with a newline: " + request.body());
      for (String line : request.lines()) {
        SimpleLine parsed = SimpleLine.parse(line);
        assertEquals(null, lines.put(parsed.key(), parsed.fields()), "one line per sample: " + line);
      }
    }
    List<SampleRecord> kafka = NodeRuns.kafkaRecords(stack.broker().bootstrapServers(), nodeId, total.deliveredSamples());
    Map<String, Map<String, Object>> expectedLines = new HashMap<>();
    for (SampleRecord r : kafka) {
      Map<String, Object> fields = new TreeMap<>(r.counters());
      r.rates().forEach((counter, rate) -> fields.put(counter + "_rate", rate));
      fields.putAll(r.gauges());
      expectedLines.put(NodeRuns.key(r), fields);
    }
    assertEquals(expectedLines, lines, "the lines carry exactly the samples Kafka got");
    return requests;
  }

  /**
   * One line of line protocol without escapes (the fleet's names have none): measurement, tags,
   * fields ({@code 12i} integers, floats always with a decimal point or exponent), timestamp.
   */
  private record SimpleLine(String key, Map<String, Object> fields) {

    static SimpleLine parse(String line) {
      assertFalse(line.contains("\\"), "no escapes expected in " + line);
      String[] parts = line.split(" ");
      assertEquals(3, parts.length, "measurement+tags, fields, timestamp: " + line);
      String[] series = parts[0].split(",");
      Map<String, String> tags = new TreeMap<>();
      for (int i = 1; i < series.length; i++) {
        String[] tag = series[i].split("=", 2);
        tags.put(tag[0], tag[1]);
      }
      String device = tags.remove("device");
      Map<String, Object> fields = new TreeMap<>();
      for (String field : parts[1].split(",")) {
        String[] pair = field.split("=", 2);
        String value = pair[1];
        if (value.endsWith("i")) {
          fields.put(pair[0], Long.parseLong(value.substring(0, value.length() - 1)));
        } else {
          assertTrue(value.contains(".") || value.contains("E"), "a float with a decimal point: " + field);
          fields.put(pair[0], Double.parseDouble(value));
        }
      }
      assertTrue(parts[2].matches("\\d{19}"), "nanosecond timestamp: " + line);
      return new SimpleLine(device + "/" + series[0] + tags + "@" + parts[2], fields);
    }
  }
}
