package io.telemetry.it.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.host.demo.LocalStack;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.inventory.Target;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node with the InfluxDB sink on, polling simulated devices, writing to the real embedded
 * Kafka broker and the real influxd 1.6: InfluxDB holds exactly the samples Kafka holds, with the
 * same tags, times and values, read back with InfluxQL.
 */
class InfluxFleetIT {

  private static final int DEVICES = 20;
  private static final int INTERFACES = 2;
  private static final int POLLS = 4;
  // Each interface with one logical unit, plus one route engine.
  private static final int SAMPLES_PER_POLL = INTERFACES * 2 + 1;

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
  void everySampleOfTwentyDevicesCanBeReadBackWithInfluxQl() {
    String nodeId = "fleet-node";
    influx.createDatabase("fleet");
    TelemetryNode node = stack.startNode(stack.fleet().targets(Duration.ofSeconds(1), Duration.ofSeconds(10)),
        NodeRuns.influxOn(nodeId, influx.url(), "fleet", ""));
    PipelineMetrics metrics = node.metrics();
    // Wait for the writes, not only the polls: the node's drain at close is short.
    Await.until(POLLS + " polls of every device in Kafka and InfluxDB", Duration.ofSeconds(90),
        () -> metrics.byDevice().size() == DEVICES
            && metrics.byDevice().values().stream().allMatch(d -> d.deliveredSamples() >= POLLS * SAMPLES_PER_POLL)
            && metrics.sinks().get(InfluxSampleSink.NAME).writtenSamples() >= DEVICES * POLLS * SAMPLES_PER_POLL,
        () -> metrics.total() + " " + metrics.sinks());
    node.close(); // drains the pipeline: both sinks get what is still on its way

    DeviceCounts total = metrics.total();
    SinkCounters.Snapshot sink = metrics.sinks().get(InfluxSampleSink.NAME);
    assertEquals(0, total.failedSamples(), total.toString());
    assertEquals(total.polledSamples(), total.deliveredSamples(), "Kafka acknowledged every sample: " + total);
    assertEquals(total.polledSamples(), sink.writtenSamples(), "InfluxDB acknowledged every sample: " + sink);
    assertEquals(0, sink.failedSamples() + sink.droppedSamples() + sink.rejectedPoints(), sink.toString());

    List<SampleRecord> kafka = NodeRuns.kafkaRecords(stack.broker().bootstrapServers(), nodeId, total.deliveredSamples());
    List<Point> stored = InfluxPoints.all(influx, "fleet");
    assertEquals(total.deliveredSamples(), kafka.size(), "Kafka holds each sample once");
    assertEquals(kafka.size(), stored.size(), "InfluxDB holds as many points as Kafka has samples");

    Map<String, SampleRecord> kafkaByKey = kafka.stream().collect(Collectors.toMap(NodeRuns::key, Function.identity()));
    Map<String, Point> influxByKey = stored.stream().collect(Collectors.toMap(NodeRuns::key, Function.identity()));
    assertEquals(kafkaByKey.keySet(), influxByKey.keySet(), "the same device, series and time for every sample");
    List<String> problems = new ArrayList<>();
    kafkaByKey.forEach((key, record) ->
        NodeRuns.differences(record, influxByKey.get(key)).forEach(p -> problems.add(key + ": " + p)));
    assertTrue(problems.isEmpty(), problems.size() + " differences, e.g.\n" + String.join("\n", problems.stream().limit(20).toList()));
    Set<String> devices = kafka.stream().map(SampleRecord::device).collect(Collectors.toSet());
    assertEquals(DEVICES, devices.size(), "every device wrote: " + devices);

    assertCountsPerSeries(kafka, "fleet");
    assertFieldTypes(kafka, "fleet");
  }

  @Test
  void aDevicePolledAsFastAsItAnswersNeverReusesATimestamp() {
    String nodeId = "fast-node";
    influx.createDatabase("fast");
    Target target = stack.fleet().targets(Duration.ofMillis(10), Duration.ofSeconds(10)).get(0);
    TelemetryNode node = stack.startNode(List.of(target), NodeRuns.influxOn(nodeId, influx.url(), "fast", ""));
    PipelineMetrics metrics = node.metrics();
    Await.until("200 polls of " + target.id() + " in Kafka and InfluxDB", Duration.ofSeconds(60),
        () -> metrics.total().deliveredSamples() >= 200 * SAMPLES_PER_POLL
            && metrics.sinks().get(InfluxSampleSink.NAME).writtenSamples() >= 200 * SAMPLES_PER_POLL,
        () -> metrics.total() + " " + metrics.sinks());
    node.close();

    DeviceCounts total = metrics.total();
    assertEquals(total.polledSamples(), total.deliveredSamples(), total.toString());
    assertEquals(total.polledSamples(), metrics.sinks().get(InfluxSampleSink.NAME).writtenSamples());
    List<SampleRecord> kafka = NodeRuns.kafkaRecords(stack.broker().bootstrapServers(), nodeId, total.deliveredSamples());
    Set<String> distinct = new HashSet<>();
    kafka.forEach(r -> assertTrue(distinct.add(NodeRuns.key(r)), "two samples of one series share a time: " + NodeRuns.key(r)));

    List<Point> stored = InfluxPoints.all(influx, "fast");
    assertEquals(kafka.size(), stored.size(),
        "every sample sent is its own point: none overwrote another of its series");
    assertCountsPerSeries(kafka, "fast");
  }

  /** Per series, InfluxQL's count() equals the number of samples Kafka has. */
  private static void assertCountsPerSeries(List<SampleRecord> kafka, String database) {
    Map<String, List<SampleRecord>> byFamily = kafka.stream().collect(Collectors.groupingBy(SampleRecord::family));
    for (Map.Entry<String, List<SampleRecord>> family : byFamily.entrySet()) {
      // A counter every sample of the family has, so count() counts every point.
      Set<String> common = new HashSet<>(family.getValue().get(0).counters().keySet());
      family.getValue().forEach(r -> common.retainAll(r.counters().keySet()));
      if (common.isEmpty()) {
        family.getValue().forEach(r -> common.addAll(r.gauges().keySet()));
        family.getValue().forEach(r -> common.retainAll(r.gauges().keySet()));
      }
      assertTrue(!common.isEmpty(), "no value every sample of " + family.getKey() + " has");
      String field = common.iterator().next();
      Map<String, Long> expected = family.getValue().stream()
          .collect(Collectors.groupingBy(NodeRuns::series, TreeMap::new, Collectors.counting()));
      Map<String, Long> counted = new TreeMap<>();
      for (Point p : InfluxPoints.select(influx, database, "SELECT count(" + EmbeddedInflux.identifier(field)
          + ") FROM " + EmbeddedInflux.identifier(family.getKey()) + " GROUP BY *")) {
        Map<String, String> tags = new TreeMap<>(p.tags());
        String device = tags.remove("device");
        counted.put(device + "/" + family.getKey() + tags, p.fields().get("count").asLong());
      }
      assertEquals(expected, counted, "samples per series of " + family.getKey() + " (count of " + field + ")");
    }
  }

  /** Counters are integer fields, rates and gauges float fields. */
  private static void assertFieldTypes(List<SampleRecord> kafka, String database) {
    Map<String, Map<String, String>> expected = new TreeMap<>();
    for (SampleRecord r : kafka) {
      Map<String, String> fields = expected.computeIfAbsent(r.family(), k -> new TreeMap<>());
      r.counters().keySet().forEach(name -> fields.put(name, "integer"));
      r.rates().keySet().forEach(name -> fields.put(name + "_rate", "float"));
      r.gauges().keySet().forEach(name -> fields.put(name, "float"));
    }
    assertEquals(expected, InfluxPoints.fieldTypes(influx, database));
  }
}
