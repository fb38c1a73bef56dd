package io.telemetry.correlation.scenario;

import static io.telemetry.correlation.scenario.ExpectedEvent.cleared;
import static io.telemetry.correlation.scenario.ExpectedEvent.raised;
import static io.telemetry.correlation.scenario.Script.at;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** sustained-utilization scripts on a 1 Gbit/s interface: above 80% for 5m raises, below 70% for 5m clears. */
public final class UtilizationScenarios {

  static final String RULE = "hot-links";
  static final String HOCON = "type = sustained-utilization, raise-percent = 80, clear-percent = 70, duration = 5m";
  static final String KEY_IN = "r1|xe-0/0/0|in";
  static final String KEY_OUT = "r1|xe-0/0/0|out";
  static final double SPEED_BPS = 1e9;

  private UtilizationScenarios() {}

  public static List<RuleScenario> all() {
    return List.of(raisedThenClearedWithHysteresis(), outboundOnly(), dipsBelowRaiseLevel(), outOfOrderBreaksRun());
  }

  public static RuleScenario raisedThenClearedWithHysteresis() {
    Script s = new Script();
    sample(s, 0, 50, 10);
    int start = sample(s, 60, 90, 10);
    for (int t = 120; t <= 300; t += 60) {
      sample(s, t, 85, 10);
    }
    int held = sample(s, 360, 90, 10); // 5m after 60
    sample(s, 420, 75, 10); // between the levels: neither clears nor raises
    int below = sample(s, 480, 60, 10);
    for (int t = 540; t <= 720; t += 60) {
      sample(s, t, 60, 10);
    }
    int clear = sample(s, 780, 60, 10);
    sample(s, 840, 60, 10);
    return new RuleScenario("inbound above 80% for 5m, then below 70% for 5m", RULE, HOCON, Duration.ofSeconds(30),
        s.samples(), List.of(raised(KEY_IN, at(60), start, held), cleared(KEY_IN, at(60), at(780), below, clear)));
  }

  public static RuleScenario outboundOnly() {
    Script s = new Script();
    int start = sample(s, 0, 10, 95);
    sample(s, 100, 10, 95);
    sample(s, 200, 10, 95);
    int held = sample(s, 300, 10, 95);
    sample(s, 400, 10, 95);
    return new RuleScenario("outbound above 80% for 5m raises its own event", RULE, HOCON, Duration.ofSeconds(30),
        s.samples(), List.of(raised(KEY_OUT, at(0), start, held)));
  }

  public static RuleScenario dipsBelowRaiseLevel() {
    Script s = new Script();
    for (int t = 0; t <= 240; t += 60) {
      sample(s, t, 90, 10);
    }
    sample(s, 270, 80, 10); // exactly 80% is not above
    for (int t = 300; t <= 540; t += 60) {
      sample(s, t, 90, 10);
    }
    sample(s, 570, 79, 10);
    sample(s, 600, 95, 10);
    sample(s, 660, 50, 10);
    return new RuleScenario("near miss: above 80% for 4m at a time", RULE, HOCON, Duration.ofSeconds(30),
        s.samples(), List.of());
  }

  /** A low sample at 180 arrives after 240 (within 90s): the run restarts at 240, as in time order. */
  public static RuleScenario outOfOrderBreaksRun() {
    Script s = new Script();
    sample(s, 0, 50, 10);
    sample(s, 60, 90, 10);
    sample(s, 120, 90, 10);
    int start = sample(s, 240, 90, 10);
    sample(s, 180, 50, 10);
    sample(s, 300, 90, 10);
    sample(s, 360, 90, 10);
    sample(s, 420, 90, 10);
    int held = sample(s, 540, 90, 10);
    return new RuleScenario("an out-of-order low sample breaks the run", RULE, HOCON, Duration.ofSeconds(90),
        s.samples(), List.of(raised(KEY_IN, at(240), start, held)));
  }

  private static int sample(Script s, double seconds, double inPercent, double outPercent) {
    double bytesPerPercent = SPEED_BPS / 8 / 100;
    return s.add("r1", "interface", seconds, Map.of("interface", "xe-0/0/0"),
        Map.of("oper_status", 1.0, "speed_bps", SPEED_BPS),
        Map.of("in_octets", inPercent * bytesPerPercent, "out_octets", outPercent * bytesPerPercent));
  }
}
