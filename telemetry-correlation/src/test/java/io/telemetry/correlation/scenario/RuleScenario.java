package io.telemetry.correlation.scenario;

import java.time.Duration;
import java.util.List;

/**
 * A scripted run of one rule instance: its HOCON block, the samples in production order and the
 * events it must emit, in emission order. Unit tests feed it to a driver; an integration test can
 * produce the same script into a broker and compare the event topic.
 *
 * @param name         what the scenario shows
 * @param instanceName the rule instance (HOCON key under telemetry.correlation.rules)
 * @param instanceHocon the instance block, e.g. {@code type = interface-flap, window = 10m}
 * @param lateness     the runtime's lateness bound the script is written for
 * @param samples      the script
 * @param expected     the events, in the order the rule emits them
 */
public record RuleScenario(
    String name,
    String instanceName,
    String instanceHocon,
    Duration lateness,
    List<ScriptedSample> samples,
    List<ExpectedEvent> expected) {

  public RuleScenario {
    samples = List.copyOf(samples);
    expected = List.copyOf(expected);
  }

  @Override
  public String toString() {
    return name;
  }
}
