package io.telemetry.selfmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InternalSamplesTest {

  @Test
  void seriesWithTheSameLabelsMakeOneSampleOfTheNode() {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    List<Sample> samples = InternalSamples.of("node-a", now, List.of(
        MetricFamily.counter("telemetry_device_polls_total", "p").add(Map.of("device", "edge1"), 4).build(),
        MetricFamily.counter("telemetry_device_errors_total", "e").add(Map.of("device", "edge1"), 1).build(),
        MetricFamily.gauge("telemetry_jvm_heap_used_bytes", "h").add(Map.of(), 1024).build(),
        MetricFamily.gauge("telemetry_x", "skipped").add(Map.of(), Double.NaN).build()));

    assertEquals(2, samples.size());
    Sample device = samples.get(0);
    assertEquals("node-a", device.device());
    assertEquals("telemetry_internal", device.family());
    assertEquals(Map.of("target", "edge1"), device.tags());
    assertEquals(Map.of("device_polls_total", 4.0, "device_errors_total", 1.0), device.gauges());
    assertEquals(Map.of(), samples.get(1).tags());
    assertEquals(Map.of("jvm_heap_used_bytes", 1024.0), samples.get(1).gauges());
  }
}
