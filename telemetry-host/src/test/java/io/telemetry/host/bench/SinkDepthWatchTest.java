package io.telemetry.host.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.telemetry.pipeline.SinkCounters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkDepthWatchTest {

  @Test
  void theDeepestReadingOfTheRunAndOfTheWindow() {
    SinkDepthWatch watch = new SinkDepthWatch();
    watch.sample(Map.of("kafka", depth("kafka", 40), "influx", depth("influx", 200))); // warm-up
    watch.startWindow();
    watch.sample(Map.of("kafka", depth("kafka", 3), "influx", depth("influx", 9)));
    watch.sample(Map.of("kafka", depth("kafka", 1), "influx", depth("influx", 12)));

    assertEquals(Map.of("kafka", 40, "influx", 200), watch.runMax());
    assertEquals(Map.of("kafka", 3, "influx", 12), watch.windowMax());
  }

  private static SinkCounters.Snapshot depth(String sink, int depth) {
    return new SinkCounters.Snapshot(sink, 0, 0, 0, 0, 0, 0, depth);
  }
}
