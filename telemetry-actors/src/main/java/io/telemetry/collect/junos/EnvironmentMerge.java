package io.telemetry.collect.junos;

import io.telemetry.sample.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the power-usage samples with the environment samples of the same series (same component,
 * kind {@code power}, same member), so that a poll never yields two samples of one series. The
 * environment item's status wins (it reports Failed and Check, the power reply only Online or
 * not); the joined sample keeps the environment reply's time.
 */
final class EnvironmentMerge {

  private EnvironmentMerge() {}

  static List<Sample> merge(List<Sample> environment, List<Sample> power) {
    Map<String, Sample> bySeries = new LinkedHashMap<>();
    environment.forEach(s -> bySeries.put(s.seriesKey(), s));
    List<Sample> unmatched = new ArrayList<>();
    for (Sample supply : power) {
      Sample item = bySeries.get(supply.seriesKey());
      if (item == null) {
        unmatched.add(supply);
        continue;
      }
      Map<String, Double> gauges = new LinkedHashMap<>(supply.gauges());
      gauges.putAll(item.gauges());
      bySeries.put(item.seriesKey(), new Sample(item.device(), item.family(), item.time(), item.tags(), Map.of(),
          gauges, Map.of(), item.counterBits(), item.discontinuity()));
    }
    List<Sample> merged = new ArrayList<>(bySeries.values());
    merged.addAll(unmatched);
    return merged;
  }
}
