package io.telemetry.correlation.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a scenario script: samples at offsets from a start time, remembering each one's index. */
public final class Script {

  public static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");

  private final List<ScriptedSample> samples = new ArrayList<>();

  /** The sample time {@code seconds} after {@link #T0}. */
  public static Instant at(double seconds) {
    return T0.plusNanos(Math.round(seconds * 1e9));
  }

  public static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  /** Adds a sample; returns its index in the script (what {@link ExpectedEvent} cites). */
  public int add(String device, String family, double seconds, Map<String, String> tags,
      Map<String, Double> gauges, Map<String, Double> rates) {
    samples.add(new ScriptedSample(device, family, at(seconds), tags, gauges, rates));
    return samples.size() - 1;
  }

  public List<ScriptedSample> samples() {
    return List.copyOf(samples);
  }
}
