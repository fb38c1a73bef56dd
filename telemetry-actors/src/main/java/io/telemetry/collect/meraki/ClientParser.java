package io.telemetry.collect.meraki;

import static io.telemetry.collect.meraki.JsonFields.number;
import static io.telemetry.collect.meraki.JsonFields.required;
import static io.telemetry.collect.meraki.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a network's {@code clients} items into {@code client} samples. Meraki's {@code usage}
 * is the kilobytes sent and received over the request's timespan (a sliding window, so it goes
 * down as old traffic leaves the window): gauges, not counters.
 */
final class ClientParser {

  static final String FAMILY = "client";

  private ClientParser() {}

  static List<Sample> parse(String device, String networkId, Instant time, List<JsonNode> items)
      throws MerakiParseException {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String where = "client " + i;
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("network", networkId);
      tags.put("client", required(item, "id", where));
      text(item, "mac").ifPresent(mac -> tags.put("mac", mac));
      text(item, "description").ifPresent(description -> tags.put("description", description));
      Map<String, Double> gauges = new LinkedHashMap<>();
      JsonNode usage = item.path("usage");
      if (usage.isObject()) {
        number(usage, "sent", where + " usage").ifPresent(v -> gauges.put("sent_kilobytes", v));
        number(usage, "recv", where + " usage").ifPresent(v -> gauges.put("received_kilobytes", v));
      }
      text(item, "status").ifPresent(status -> {
        if (status.equalsIgnoreCase("Online")) {
          gauges.put("online", 1.0);
        } else if (status.equalsIgnoreCase("Offline")) {
          gauges.put("online", 0.0);
        }
      });
      if (!gauges.isEmpty()) {
        samples.add(new Sample(device, FAMILY, time, tags, Map.of(), gauges, Map.of(), 64, ""));
      }
    }
    return samples;
  }
}
