package io.telemetry.collect.meraki;

import static io.telemetry.collect.meraki.JsonFields.number;
import static io.telemetry.collect.meraki.JsonFields.required;
import static io.telemetry.collect.meraki.JsonFields.text;
import static io.telemetry.collect.meraki.JsonFields.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code uplinksLossAndLatency} items into {@code uplink} samples: one per point of each
 * item's {@code timeSeries}, stamped with the point's {@code ts}, so that loss and latency are
 * known per minute, as the API reports them. A point with neither value is skipped; a missing
 * value is left out, never 0.
 */
final class UplinkParser {

  static final String FAMILY = "uplink";

  private UplinkParser() {}

  static List<Sample> parse(String device, List<JsonNode> items) throws MerakiParseException {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String where = "item " + i;
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("network", required(item, "networkId", where));
      tags.put("serial", required(item, "serial", where));
      tags.put("uplink", required(item, "uplink", where));
      text(item, "ip").ifPresent(ip -> tags.put("ip", ip));
      JsonNode series = item.path("timeSeries");
      if (!series.isArray()) {
        throw new MerakiParseException(where + " (" + tags + ") has no timeSeries array");
      }
      for (int p = 0; p < series.size(); p++) {
        JsonNode point = series.get(p);
        String pointWhere = where + " timeSeries[" + p + "]";
        Instant ts = timestamp(required(point, "ts", pointWhere), pointWhere);
        Map<String, Double> gauges = new LinkedHashMap<>();
        number(point, "lossPercent", pointWhere).ifPresent(v -> gauges.put("loss_percent", v));
        number(point, "latencyMs", pointWhere).ifPresent(v -> gauges.put("latency_ms", v));
        if (!gauges.isEmpty()) {
          samples.add(new Sample(device, FAMILY, ts, tags, Map.of(), gauges, Map.of(), 64, ""));
        }
      }
    }
    return samples;
  }
}
