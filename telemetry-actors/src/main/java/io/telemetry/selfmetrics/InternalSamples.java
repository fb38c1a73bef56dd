package io.telemetry.selfmetrics;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metric families as samples of the {@code telemetry_internal} family, so that the node's own
 * figures travel the pipeline beside device data. Series with the same labels make one sample:
 * the labels are its tags, each series a gauge named after the metric without the
 * {@code telemetry_} prefix (e.g. {@code device_polls_total}); every value is a float, so a field
 * never changes type in InfluxDB. The sample's device is the node id; a metric label
 * {@code device} (the polled device) becomes the tag {@code target}.
 */
public final class InternalSamples {

  public static final String FAMILY = "telemetry_internal";
  private static final String PREFIX = "telemetry_";

  private InternalSamples() {}

  public static List<Sample> of(String nodeId, Instant time, List<MetricFamily> families) {
    Map<Map<String, String>, Map<String, Double>> byLabels = new LinkedHashMap<>();
    for (MetricFamily family : families) {
      String field = (family.name().startsWith(PREFIX) ? family.name().substring(PREFIX.length()) : family.name());
      for (MetricFamily.Series series : family.series()) {
        if (Double.isNaN(series.value()) || Double.isInfinite(series.value())) {
          continue; // InfluxDB takes no NaN or infinite field values
        }
        byLabels.computeIfAbsent(tags(series.labels()), k -> new TreeMap<>())
            .put(field + series.suffix(), series.value());
      }
    }
    List<Sample> samples = new ArrayList<>(byLabels.size());
    byLabels.forEach((tags, gauges) ->
        samples.add(new Sample(nodeId, FAMILY, time, tags, Map.of(), gauges, Map.of(), 64, "")));
    return samples;
  }

  private static Map<String, String> tags(Map<String, String> labels) {
    Map<String, String> tags = new TreeMap<>();
    labels.forEach((label, value) -> tags.put(label.equals("device") ? "target" : label, value));
    return tags;
  }
}
