package io.telemetry.correlation.scenario;

import static io.telemetry.correlation.scenario.ExpectedEvent.cleared;
import static io.telemetry.correlation.scenario.ExpectedEvent.raised;
import static io.telemetry.correlation.scenario.Script.at;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** sla-breach scripts: loss above 5% or latency above 150 ms for 3 consecutive samples. */
public final class SlaScenarios {

  static final String RULE = "uplink-sla";
  static final String HOCON = "type = sla-breach, loss-percent = 5, latency-ms = 150, samples = 3";
  static final String KEY = "mx1|N_1|Q2AB-CDEF-GHIJ|wan1";

  private SlaScenarios() {}

  public static List<RuleScenario> all() {
    return List.of(raisedThenCleared(), atThresholdOrInterrupted(), outOfOrderAndRepeated());
  }

  public static RuleScenario raisedThenCleared() {
    Script s = new Script();
    sample(s, 0, 0, 20);
    int b1 = sample(s, 60, 10, 20);
    int b2 = sample(s, 120, 0, 200);
    int b3 = sample(s, 180, 8, 20);
    sample(s, 240, 6, 160);
    int g1 = sample(s, 300, 0, 20);
    int g2 = sample(s, 360, 5, 150); // at the thresholds is within them
    int g3 = sample(s, 420, 1, 30);
    sample(s, 480, 0, 20);
    return new RuleScenario("three breaching samples raise, three good ones clear", RULE, HOCON,
        Duration.ofSeconds(30), s.samples(),
        List.of(raised(KEY, at(60), b1, b2, b3), cleared(KEY, at(60), at(420), g1, g2, g3)));
  }

  public static RuleScenario atThresholdOrInterrupted() {
    Script s = new Script();
    sample(s, 0, 10, 20);
    sample(s, 60, 0, 300);
    sample(s, 120, 5, 150);
    sample(s, 180, 10, 20);
    sample(s, 240, 10, 20);
    sample(s, 300, 0, 20);
    sample(s, 360, 5, 150);
    sample(s, 420, 5, 150);
    return new RuleScenario("near miss: two breaching samples in a row, or values at the thresholds", RULE, HOCON,
        Duration.ofSeconds(30), s.samples(), List.of());
  }

  /** The sample at 120 arrives after 180, and Meraki's overlapping spans deliver 120 twice. */
  public static RuleScenario outOfOrderAndRepeated() {
    Script s = new Script();
    sample(s, 0, 0, 20);
    int b1 = sample(s, 60, 10, 20);
    int b3 = sample(s, 180, 10, 20);
    int b2 = sample(s, 120, 10, 20);
    sample(s, 120, 10, 20); // the same point again: counts once
    int g1 = sample(s, 240, 0, 20);
    int g2 = sample(s, 300, 0, 20);
    int g3 = sample(s, 360, 0, 20);
    return new RuleScenario("breach from out-of-order and repeated samples", RULE, HOCON, Duration.ofSeconds(90),
        s.samples(), List.of(raised(KEY, at(60), b1, b2, b3), cleared(KEY, at(60), at(360), g1, g2, g3)));
  }

  private static int sample(Script s, double seconds, double loss, double latency) {
    return s.add("mx1", "uplink", seconds, Map.of("network", "N_1", "serial", "Q2AB-CDEF-GHIJ", "uplink", "wan1"),
        Map.of("loss_percent", loss, "latency_ms", latency), Map.of());
  }
}
