package io.telemetry.collect.meraki;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each poll asks for the last few minutes of every uplink's time series, so consecutive answers
 * overlap. This keeps, per series, the newest point already reported and lets through only newer
 * ones: every point reaches the pipeline once. Series absent from an answer are forgotten.
 * Confined to its collector.
 */
final class UplinkWatermarks {

  private final Map<String, Instant> newestReported = new HashMap<>();

  List<Sample> newPoints(List<Sample> points) {
    Map<String, Instant> seen = new HashMap<>();
    List<Sample> fresh = new ArrayList<>();
    for (Sample point : points) {
      String series = point.seriesKey();
      Instant reported = newestReported.get(series);
      if (reported == null || point.time().isAfter(reported)) {
        fresh.add(point);
      }
      seen.merge(series, point.time(), (a, b) -> a.isAfter(b) ? a : b);
    }
    seen.forEach((series, newest) -> newestReported.merge(series, newest, (a, b) -> a.isAfter(b) ? a : b));
    newestReported.keySet().retainAll(seen.keySet());
    return fresh;
  }
}
