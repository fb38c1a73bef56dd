package io.telemetry.host.bench.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.pipeline.PollBatch;
import io.telemetry.sample.Sample;
import io.telemetry.sink.influx.InfluxPointEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineBodiesTest {

  private final List<PollBatch> batches =
      new SyntheticPolls(2, 4, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(30), 1).rounds(0, 2);

  @Test
  void bodiesHoldAtMostBatchPointsLinesInInputOrder() {
    // 2 rounds x 2 devices x (4 ports + 4 units + 1 routing engine) = 36 lines.
    LineBodies bodies = LineBodies.of(batches, 10);

    assertEquals(36, bodies.lines());
    assertEquals(4, bodies.bodies().size()); // 10 + 10 + 10 + 6
    List<String> lines = new ArrayList<>();
    for (byte[] body : bodies.bodies()) {
      String text = new String(body, StandardCharsets.UTF_8);
      assertTrue(text.endsWith("\n"), text);
      List<String> own = List.of(text.split("\n"));
      assertTrue(own.size() <= 10, "at most 10 lines: " + own.size());
      lines.addAll(own);
    }
    InfluxPointEncoder encoder = new InfluxPointEncoder();
    List<String> expected = new ArrayList<>();
    long values = 0;
    for (PollBatch batch : batches) {
      for (Sample sample : batch.samples()) {
        expected.add(encoder.encode(sample).line());
        values += sample.pointCount();
      }
    }
    assertEquals(expected, lines, "the sink's own lines, in order");
    assertEquals(values, bodies.values());
    assertEquals(lines.stream().mapToLong(l -> l.length() + 1).sum(), bodies.bytes()); // ASCII names
  }

  @Test
  void oneBodyWhenItAllFits() {
    assertEquals(1, LineBodies.of(batches, 36).bodies().size());
    assertEquals(2, LineBodies.of(batches, 35).bodies().size());
  }
}
