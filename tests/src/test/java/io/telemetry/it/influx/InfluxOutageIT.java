package io.telemetry.it.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.host.demo.LocalStack;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.InfluxPoints;
import io.telemetry.it.support.InfluxPoints.Point;
import io.telemetry.it.support.InfluxdInstalled;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PipelineMetrics.DeviceCounts;
import io.telemetry.pipeline.SinkCounters;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.sink.influx.InfluxSampleSink;
import io.telemetry.sink.kafka.SampleRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * influxd stops for 20 s while the node polls, then starts again on its port with its data. Kafka
 * delivery never stops. With {@code backpressure} and a buffer that holds the outage, InfluxDB
 * ends up with every sample; with {@code drop-oldest} and a small buffer, it lacks exactly the
 * samples the sink counted as dropped.
 */
class InfluxOutageIT {

  private static final int DEVICES = 5;
  private static final int INTERFACES = 2;
  private static final int SAMPLES_PER_POLL = INTERFACES * 2 + 1;
  private static final Duration INTERVAL = Duration.ofMillis(500);
  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final Duration OUTAGE_STEP = Duration.ofSeconds(2);
  // Quick retries, so that the sink notices the server is back within a second. Small requests:
  // while writes are stuck the sink still collects up to batch-points lines for its next request
  // (and holds parallelism requests in flight) before its buffer starts to fill.
  private static final String WRITES = "retry-backoff-min = 100ms, retry-backoff-max = 500ms, request-timeout = 2s,"
      + " batch-points = " + 2 * SAMPLES_PER_POLL + ", parallelism = 2\n";

  @TempDir
  static Path workDir;

  static EmbeddedInflux influx;
  static LocalStack stack;

  @BeforeAll
  static void start() {
    InfluxdInstalled.require();
    influx = EmbeddedInflux.builder().dataDir(workDir.resolve("influx")).build().start();
    stack = LocalStack.startWithoutNode(workDir.resolve("stack"), FleetSpec.of(DEVICES).withInterfaces(INTERFACES));
    stack.broker().createTopics(NodeRuns.TOPICS.toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (influx != null) {
      influx.close();
    }
  }

  @Test
  void backpressureWithABufferForTheOutageLosesNothing() throws Exception {
    // 5 devices polled twice a second for 20 s: 200 poll batches; room for twice that.
    Outcome run = pollThroughAnOutage("backpressure-node", "backpressure",
        "overflow = backpressure, buffer-batches = 400\n");

    assertEquals(0, run.sink().droppedSamples(), run.sink().toString());
    assertEquals(run.kafka().keySet(), run.influx().keySet(), "InfluxDB has every sample Kafka has");
    assertEquals(run.total().polledSamples(), run.sink().writtenSamples(), run.sink().toString());
  }

  @Test
  void dropOldestWithASmallBufferLacksExactlyTheDroppedSamples() throws Exception {
    Outcome run = pollThroughAnOutage("drop-oldest-node", "drop_oldest", "overflow = drop-oldest, buffer-batches = 4\n");

    long dropped = run.sink().droppedSamples();
    assertTrue(dropped >= DEVICES * SAMPLES_PER_POLL * 10L,
        "a 20 s outage overflows a buffer of 4 polls: " + run.sink());
    assertTrue(run.kafka().keySet().containsAll(run.influx().keySet()), "InfluxDB has nothing Kafka lacks");
    assertEquals(dropped, run.kafka().size() - run.influx().size(),
        "what InfluxDB lacks is exactly what the sink counted as dropped");
    assertEquals(run.total().polledSamples(), run.sink().writtenSamples() + dropped, run.sink().toString());
  }

  /** What Kafka and InfluxDB hold after the run, keyed by device, series and time. */
  private record Outcome(DeviceCounts total, SinkCounters.Snapshot sink, Map<String, SampleRecord> kafka,
      Map<String, Point> influx) {}

  private Outcome pollThroughAnOutage(String nodeId, String database, String overflow) throws Exception {
    influx.createDatabase(database);
    TelemetryNode node = stack.startNode(stack.fleet().targets(INTERVAL, Duration.ofSeconds(10)),
        NodeRuns.influxOn(nodeId, influx.url(), database, overflow + WRITES));
    PipelineMetrics metrics = node.metrics();
    long steady = DEVICES * SAMPLES_PER_POLL * 2L;
    Await.until("two polls of every device in Kafka and InfluxDB", Duration.ofSeconds(60),
        () -> metrics.total().deliveredSamples() >= steady && influxSink(metrics).writtenSamples() >= steady,
        () -> metrics.total() + " " + metrics.sinks());

    influx.stop();
    long writtenAtStop = influxSink(metrics).writtenSamples();
    List<Long> kafkaDuringOutage = new ArrayList<>(List.of(metrics.total().deliveredSamples()));
    for (long waited = 0; waited < OUTAGE.toMillis(); waited += OUTAGE_STEP.toMillis()) {
      Thread.sleep(OUTAGE_STEP.toMillis()); // the outage itself, not a wait for something
      kafkaDuringOutage.add(metrics.total().deliveredSamples());
    }
    SinkCounters.Snapshot atRestart = influxSink(metrics);
    long deliveredAtRestart = metrics.total().deliveredSamples();
    influx.start();

    for (int i = 1; i < kafkaDuringOutage.size(); i++) {
      assertTrue(kafkaDuringOutage.get(i) > kafkaDuringOutage.get(i - 1),
          "Kafka delivery went on every " + OUTAGE_STEP + " of the InfluxDB outage: " + kafkaDuringOutage);
    }
    assertTrue(atRestart.retries() > 0, "the sink retried while InfluxDB was down: " + atRestart);
    assertTrue(atRestart.writtenSamples() <= writtenAtStop + DEVICES * SAMPLES_PER_POLL * 2L,
        "hardly anything written while InfluxDB was down: " + writtenAtStop + " at the stop, then " + atRestart);

    // Everything taken before the restart is written or dropped; the drain at close does the rest.
    Await.until("InfluxDB caught up", Duration.ofSeconds(60),
        () -> influxSink(metrics).writtenSamples() + influxSink(metrics).droppedSamples() >= deliveredAtRestart
            && influxSink(metrics).bufferDepth() <= 1,
        () -> "delivered to Kafka at the restart: " + deliveredAtRestart + ", " + metrics.sinks());
    node.close();

    DeviceCounts total = metrics.total();
    SinkCounters.Snapshot sink = influxSink(metrics);
    assertEquals(0, total.failedSamples(), total.toString());
    assertEquals(total.polledSamples(), total.deliveredSamples(), "Kafka acknowledged every sample: " + total);
    assertEquals(0, sink.failedSamples() + sink.rejectedPoints(), sink.toString());

    List<SampleRecord> kafka = NodeRuns.kafkaRecords(stack.broker().bootstrapServers(), nodeId, total.deliveredSamples());
    List<Point> stored = InfluxPoints.all(influx, database);
    Map<String, SampleRecord> kafkaByKey = kafka.stream().collect(Collectors.toMap(NodeRuns::key, Function.identity()));
    Map<String, Point> influxByKey = stored.stream().collect(Collectors.toMap(NodeRuns::key, Function.identity()));
    assertEquals(total.deliveredSamples(), kafkaByKey.size(), "Kafka holds each sample once");
    assertEquals(sink.writtenSamples(), influxByKey.size(), "InfluxDB holds each written sample once");
    List<String> problems = new ArrayList<>();
    influxByKey.forEach((key, point) -> {
      SampleRecord record = kafkaByKey.get(key);
      if (record != null) {
        NodeRuns.differences(record, point).forEach(p -> problems.add(key + ": " + p));
      }
    });
    assertTrue(problems.isEmpty(), String.join("\n", problems.stream().limit(20).toList()));
    return new Outcome(total, sink, kafkaByKey, influxByKey);
  }

  private static SinkCounters.Snapshot influxSink(PipelineMetrics metrics) {
    return metrics.sinks().get(InfluxSampleSink.NAME);
  }
}
