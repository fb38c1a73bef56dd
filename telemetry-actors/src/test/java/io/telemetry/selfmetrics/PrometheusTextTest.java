package io.telemetry.selfmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.testsupport.PrometheusTextParser;
import io.telemetry.testsupport.PrometheusTextParser.Family;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void labelValuesWithQuotesBackslashesAndLineFeedsComeBackUnchanged() {
    String awkward = "edge\"1\\ams\nx";
    String text = PrometheusText.write(List.of(
        MetricFamily.counter("telemetry_device_polls_total", "Polls.\nSecond line with \\ backslash.")
            .add(Map.of("device", awkward), 3).build()));
    assertEquals("# HELP telemetry_device_polls_total Polls.\\nSecond line with \\\\ backslash.\n"
        + "# TYPE telemetry_device_polls_total counter\n"
        + "telemetry_device_polls_total{device=\"edge\\\"1\\\\ams\\nx\"} 3\n", text);
    Family family = PrometheusTextParser.parse(text).get("telemetry_device_polls_total");
    assertEquals(3.0, family.value("telemetry_device_polls_total", Map.of("device", awkward)).orElseThrow());
    assertEquals("Polls.\nSecond line with \\ backslash.", family.help());
  }

  @Test
  void specialValuesAreWrittenAsPrometheusSpellsThem() {
    String text = PrometheusText.write(List.of(MetricFamily.gauge("telemetry_x", "x")
        .add(Map.of("k", "nan"), Double.NaN).add(Map.of("k", "inf"), Double.POSITIVE_INFINITY)
        .add(Map.of("k", "half"), 0.5).build()));
    assertTrue(text.contains("telemetry_x{k=\"nan\"} NaN\n"), text);
    assertTrue(text.contains("telemetry_x{k=\"inf\"} +Inf\n"), text);
    assertTrue(text.contains("telemetry_x{k=\"half\"} 0.5\n"), text);
    PrometheusTextParser.parse(text);
  }

  @Test
  void badNamesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> MetricFamily.gauge("telemetry-x", "x").build());
    assertThrows(IllegalArgumentException.class, () -> MetricFamily.gauge("telemetry_x", "x").add(Map.of("a-b", "1"), 1));
  }

  @Test
  void pipelineFiguresParseWithCumulativeHistogramBuckets() {
    PipelineMetrics metrics = new PipelineMetrics();
    metrics.polled(new PollBatch("edge1", List.of()));
    metrics.polled(new PollBatch("edge1", List.of()));
    metrics.error("edge2");
    metrics.pollDuration("edge1", "junos", 3_000_000L, false);   // 3 ms
    metrics.pollDuration("edge1", "junos", 200_000_000L, false); // 200 ms
    metrics.pollDuration("edge2", "junos", 90_000_000_000L, true); // 90 s: above every bound
    metrics.sink("kafka").retried();

    String text = PrometheusText.write(new PipelineMetricsSource(metrics, null).collect().toCompletableFuture().join());
    Map<String, Family> families = PrometheusTextParser.parse(text);

    assertEquals(2.0, families.get("telemetry_device_polls_total")
        .value("telemetry_device_polls_total", Map.of("device", "edge1")).orElseThrow());
    assertEquals(1.0, families.get("telemetry_device_errors_total")
        .value("telemetry_device_errors_total", Map.of("device", "edge2")).orElseThrow());
    assertEquals(1.0, families.get("telemetry_sink_retries_total")
        .value("telemetry_sink_retries_total", Map.of("sink", "kafka")).orElseThrow());
    Family durations = families.get("telemetry_poll_duration_seconds");
    assertEquals("histogram", durations.type());
    String name = "telemetry_poll_duration_seconds";
    assertEquals(1.0, durations.value(name + "_bucket", Map.of("collector", "junos", "le", "0.005")).orElseThrow());
    assertEquals(1.0, durations.value(name + "_bucket", Map.of("collector", "junos", "le", "0.1")).orElseThrow());
    assertEquals(2.0, durations.value(name + "_bucket", Map.of("collector", "junos", "le", "0.25")).orElseThrow());
    assertEquals(2.0, durations.value(name + "_bucket", Map.of("collector", "junos", "le", "60.0")).orElseThrow());
    assertEquals(3.0, durations.value(name + "_bucket", Map.of("collector", "junos", "le", "+Inf")).orElseThrow());
    assertEquals(3.0, durations.value(name + "_count", Map.of("collector", "junos")).orElseThrow());
    assertEquals(90.203, durations.value(name + "_sum", Map.of("collector", "junos")).orElseThrow(), 1e-9);
  }

  @Test
  void theParserRefusesWhatPrometheusWould() {
    assertThrows(IllegalArgumentException.class, () -> PrometheusTextParser.parse("a{b=\"c\"} 1"), "no final line feed");
    assertThrows(IllegalArgumentException.class, () -> PrometheusTextParser.parse("a{b=\"c\\x\"} 1\n"), "bad escape");
    assertThrows(IllegalArgumentException.class, () -> PrometheusTextParser.parse("a 1\nb 1\na{x=\"1\"} 2\n"),
        "family split");
    assertThrows(IllegalArgumentException.class, () -> PrometheusTextParser.parse("a 1\na 2\n"), "duplicate");
    assertThrows(IllegalArgumentException.class, () -> PrometheusTextParser.parse(
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n"), "not cumulative");
  }
}
