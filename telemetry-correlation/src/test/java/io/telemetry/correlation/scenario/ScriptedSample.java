package io.telemetry.correlation.scenario;

import java.time.Instant;
import java.util.Map;

/**
 * One metric sample of a scenario script, produced in script order (so a time smaller than an
 * earlier sample's is an out-of-order record).
 */
public record ScriptedSample(
    String device,
    String family,
    Instant time,
    Map<String, String> tags,
    Map<String, Double> gauges,
    Map<String, Double> rates) {

  public ScriptedSample {
    tags = Map.copyOf(tags);
    gauges = Map.copyOf(gauges);
    rates = Map.copyOf(rates);
  }

  /** The metric topic the telemetry sink writes this family to (default topic pattern). */
  public String topic() {
    return "telemetry.metrics." + family;
  }
}
