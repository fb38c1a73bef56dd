package io.telemetry.it.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.it.support.CapturedLogs;
import io.telemetry.it.support.InfluxPoints;
import io.telemetry.it.support.InfluxPoints.Point;
import io.telemetry.it.support.InfluxdInstalled;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.pipeline.SinkCounters;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/**
 * One point of a poll that the real server refuses (a field type conflict): the rest of the poll
 * is written, the refused point is counted as rejected and logged naming its device and series.
 */
class InfluxRejectedPointIT {

  private static final String DATABASE = "conflicts";
  private static final String DEVICE = "edge9.fra1";
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void theOtherPointsOfTheBatchAreWrittenAndTheBadOneIsReported() throws Exception {
    InfluxdInstalled.require();
    ActorTestKit testKit = ActorTestKit.create();
    try (EmbeddedInflux influx = EmbeddedInflux.builder().database(DATABASE).build().start();
        CapturedLogs logs = new CapturedLogs("io.telemetry.sink.influx.InfluxBatchWriter")) {
      SinkPipeline sink = new SinkPipeline(testKit.system(), influx.url(), DATABASE);
      // in_octets is stored as an integer (a counter) ...
      sink.write(new PollBatch(DEVICE, List.of(interfaceSample(0, 0, 1000L, null))));
      // ... and a poll where one interface reports it as a float: InfluxDB refuses that point only.
      List<Sample> poll = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        poll.add(i == 2 ? interfaceSample(1, i, null, 2000.5) : interfaceSample(1, i, 2000L + i, null));
      }
      sink.write(new PollBatch(DEVICE, poll));
      SinkCounters.Snapshot counters = sink.counters();
      sink.close();

      assertEquals(1, counters.rejectedPoints(), "the one value of the refused point: " + counters);
      assertEquals(6, counters.writtenSamples(), "both polls count as written: " + counters);
      assertEquals(0, counters.failedSamples(), counters.toString());

      Map<String, Long> stored = new TreeMap<>();
      for (Point p : InfluxPoints.all(influx, DATABASE)) {
        stored.put(p.tags().get("interface") + "@" + (p.time() - nanos(T0)) / 1_000_000_000L,
            p.fields().get("in_octets").asLong());
      }
      assertEquals(Map.of("ge-0/0/0@0", 1000L, "ge-0/0/0@1", 2000L, "ge-0/0/1@1", 2001L, "ge-0/0/3@1", 2003L,
          "ge-0/0/4@1", 2004L), stored, "every point but the refused one is stored");
      assertEquals(Map.of("in_octets", "integer"), InfluxPoints.fieldTypes(influx, DATABASE).get("interface"));

      List<String> refusals = logs.messages().stream().filter(m -> m.contains("refused the point")).toList();
      assertEquals(1, refusals.size(), "one WARN for the refused point: " + logs.messages());
      String warning = refusals.get(0);
      assertTrue(warning.contains("device " + DEVICE), warning);
      assertTrue(warning.contains(DEVICE + "/interface,interface=ge-0/0/2"), "names the series: " + warning);
      assertTrue(warning.contains("field type conflict"), "quotes the server: " + warning);
    } finally {
      testKit.shutdownTestKit();
    }
  }

  /** A sample of interface ge-0/0/{i} at T0 + poll seconds, with in_octets as a counter or as a gauge. */
  private static Sample interfaceSample(int poll, int i, Long counter, Double gauge) {
    return new Sample(DEVICE, "interface", T0.plusSeconds(poll).plusNanos(i), Map.of("interface", "ge-0/0/" + i),
        counter == null ? Map.of() : Map.of("in_octets", counter), gauge == null ? Map.of() : Map.of("in_octets", gauge),
        Map.of(), 64, "");
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
