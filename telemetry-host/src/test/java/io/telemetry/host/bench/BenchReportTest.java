package io.telemetry.host.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

  @TempDir Path dir;

  private static BenchFigures figures() {
    BenchSnapshot start = BenchFiguresTest.snapshot(0, BenchFiguresTest.counts(0, 0, 0, 0, 0, 0), Map.of(), 0);
    BenchSnapshot warm = BenchFiguresTest.snapshot(60_000_000_000L, BenchFiguresTest.counts(10, 1_000, 0, 0, 0, 0),
        Map.of("a", 5L), 10);
    BenchSnapshot end = BenchFiguresTest.snapshot(120_000_000_000L, BenchFiguresTest.counts(20, 2_200, 0, 0, 0, 0),
        Map.of("a", 15L), 20);
    return BenchFigures.compute(BenchFiguresTest.inputs(BenchFiguresTest.settings(1),
        BenchFiguresTest.heap(300L * 1024 * 1024)), start, warm, end);
  }

  @Test
  void jsonHasTheDocumentedShape() throws Exception {
    Path file = dir.resolve("out/figures.json");
    BenchReport.writeJson(figures(), file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());

    assertEquals(Set.of("schema", "run", "throughput", "pollDurationMillis", "polls", "heap", "cpuSeconds", "sinks",
        "correlation", "checks"), names(json));
    assertEquals(0, json.get("correlation").size(), "no correlation column without --correlation");
    assertEquals(1, json.get("schema").asInt());
    assertEquals(Set.of("startedAt", "command", "devices", "interfaces", "intervalSeconds", "warmupSeconds",
        "steadySeconds", "secondsUntilEveryDevicePolled", "processors", "nodeJvmOptions", "simulatorJvmOptions"),
        names(json.get("run")));
    assertEquals(2, json.at("/run/processors").asInt());
    assertEquals(20.0, json.at("/throughput/pointsPerSecond").asDouble(), 1e-9); // 1,200 points in 60 s
    assertEquals(Set.of("count", "p50", "p99", "max"), names(json.get("pollDurationMillis")));
    assertTrue(json.at("/pollDurationMillis/p50").isNull(), "no durations recorded: null, not NaN");
    assertEquals(Set.of("steady", "run"), names(json.at("/polls/deferrals")));
    assertEquals(Set.of("steady", "run"), names(json.at("/polls/slowPolls")));
    assertEquals(Set.of("steady", "run"), names(json.at("/polls/overruns")));
    assertTrue(json.at("/heap/maxUsedAfterGcBytes").isIntegralNumber());
    assertTrue(json.at("/heap/peakUsedBytes").isIntegralNumber());
    assertEquals("maxUsedAfterGcBytes", json.at("/heap/targetJudgedOn").asText());
    assertEquals(Set.of("node", "simulator", "broker", "influxdb", "total", "machine"), names(json.get("cpuSeconds")));
    assertTrue(json.at("/cpuSeconds/influxdb/steady").isNull(), "no influxd in this run");
    assertEquals(Set.of("name", "primary", "pointsPerSecond", "samplesPerSecond", "writtenPoints", "writtenSamples",
        "failedSamples", "droppedSamples", "rejectedPoints", "retries", "bufferDepthMax", "bufferBatches", "influx"),
        names(json.at("/sinks/0")));
    assertEquals("kafka", json.at("/sinks/0/name").asText());
    assertEquals(10.0, json.at("/cpuSeconds/broker/steady").asDouble(), 1e-9);
    assertEquals(4, json.get("checks").size());
    assertEquals(Set.of("name", "target", "actual", "passed"), names(json.get("checks").get(0)));
  }

  @Test
  void theCorrelationColumnIsInTheJsonAndTheTextAndItsChecksJudgeLagAndLatency() throws Exception {
    BenchFigures.Latency fast = new BenchFigures.Latency(40, 300.0, 900.0, 950.0);
    BenchFigures.Latency slow = new BenchFigures.Latency(40, 30_000.0, 61_000.0, 62_000.0);
    // 1,000 records/s in, 500 behind at the end: half a second.
    BenchFigures.CorrelationRule flaps = new BenchFigures.CorrelationRule("interface-flap", "interface-flap",
        List.of("telemetry.metrics.interface"), 1_000, 1_000, 500, 60_000, 60_000, 30_000, 30_000, 0, 0, 500, 40, 3,
        fast, fast);
    BenchFigures.CorrelationRule links = new BenchFigures.CorrelationRule("link-failure", "link-failure",
        List.of("telemetry.metrics.interface", "telemetry.metrics.bgp_peer"), 1_000, 1_000, 600, 60_000, 60_000,
        36_000, 24_000, 0, 0, 2_500, 40, 10, slow, slow);
    BenchFigures figures = figures().withCorrelation(List.of(flaps, links), List.of("interface-flap"));

    Path file = dir.resolve("corr/figures.json");
    BenchReport.writeJson(figures, file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertEquals(Set.of("rule", "type", "inputs", "inputRecordsPerSecond", "consumedPerSecond", "evaluatedPerSecond",
        "inputRecords", "consumed", "evaluated", "skipped", "late", "malformed", "lagAtEnd", "raised", "cleared",
        "publishedLatencyMillis", "seenLatencyMillis"), names(json.at("/correlation/0")));
    assertEquals(900.0, json.at("/correlation/0/publishedLatencyMillis/p99").asDouble(), 1e-9);

    List<BenchFigures.Check> added = figures.checks().subList(4, figures.checks().size());
    assertEquals(List.of("interface-flap keeps up with the fleet", "interface-flap latency p99 under 1 s",
        "link-failure keeps up with the fleet"), added.stream().map(BenchFigures.Check::name).toList(),
        "link-failure's latency waits for the watermark by design: reported, not checked");
    assertEquals(List.of(true, true, false), added.stream().map(BenchFigures.Check::passed).toList(),
        "0.5 s behind keeps up, 2.5 s does not; p99 900 ms is under 1 s");
    assertTrue(!figures.passed());

    String text = String.join("\n", BenchReport.text(figures));
    for (String expected : List.of("correlation", "interface-flap", "link-failure", "consumed/s", "evaluated/s",
        "p50 300 p99 900 max 950", "p50 30000 p99 61000", "500 (0.50 s)", "40 raised, 3 cleared")) {
      assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
    }
  }

  @Test
  void textNamesEveryFigure() {
    String text = String.join("\n", BenchReport.text(figures()));
    for (String expected : List.of("points/s", "poll duration", "deferrals", "skipped ticks", "node heap",
        "used after GC", "peak used", "cpu seconds", "simulator", "broker", "PASS", "sinks", "kafka (primary)",
        "retries", "rejected", "dropped", "buffer max")) {
      assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
    }
  }

  @Test
  void textShowsTheInfluxColumnNextToKafka() {
    BenchSnapshot start = BenchFiguresTest.snapshot(0, BenchFiguresTest.counts(0, 0, 0, 0, 0, 0), Map.of(), 0);
    BenchSnapshot warm = BenchFiguresTest.snapshot(60_000_000_000L, BenchFiguresTest.counts(10, 1_000, 0, 0, 0, 0),
        Map.of("a", 5L), 10, Map.of());
    BenchSnapshot end = BenchFiguresTest.snapshot(120_000_000_000L, BenchFiguresTest.counts(20, 2_200, 0, 0, 0, 0),
        Map.of("a", 15L), 20, Map.of(
            "kafka", new io.telemetry.pipeline.SinkCounters.Snapshot("kafka", 120, 1_200, 0, 0, 0, 0, 0),
            "influx", new io.telemetry.pipeline.SinkCounters.Snapshot("influx", 114, 1_140, 0, 0, 0, 4, 2)));
    BenchFigures figures = BenchFigures.compute(new BenchFigures.Inputs(BenchFiguresTest.settings(1), "2026-01-01T00:00:00Z",
        "bench --influx", "-Xmx2g", 2, 1.0, BenchFiguresTest.heap(300L * 1024 * 1024),
        List.of(BenchFiguresTest.KAFKA, BenchFiguresTest.INFLUX), Map.of("influx", 3), Map.of("influx", 3)), start, warm, end);

    List<String> lines = BenchReport.text(figures);
    String header = lines.stream().filter(l -> l.startsWith("  sinks")).findFirst().orElseThrow();
    assertTrue(header.indexOf("kafka (primary)") < header.indexOf("influx"), header);
    String points = lines.stream().filter(l -> l.startsWith("    points/s")).findFirst().orElseThrow();
    assertTrue(points.contains("20 ") && points.contains("19 "), points); // 1,200 and 1,140 points in 60 s
    String text = String.join("\n", lines);
    assertTrue(text.contains("batch-points 5000, parallelism 4"), text);
    assertTrue(text.contains("3 of 256"), text);
    assertTrue(text.contains("the influx sink keeps up"), text);
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
