package io.telemetry.correlation.scenario;

import static io.telemetry.correlation.scenario.ExpectedEvent.cleared;
import static io.telemetry.correlation.scenario.ExpectedEvent.raised;
import static io.telemetry.correlation.scenario.Script.at;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** interface-flap scripts: 3 changes within 10m raise, 5m quiet clears. */
public final class FlapScenarios {

  static final String RULE = "flaps";
  static final String HOCON = "type = interface-flap, changes = 3, window = 10m, quiet = 5m";
  static final String KEY = "r1|ge-0/0/1";

  private FlapScenarios() {}

  public static List<RuleScenario> all() {
    return List.of(raisedOnceThenCleared(), raisedAgainAfterClearing(), twoChangesOnly(), changesFartherApartThanWindow(),
        outOfOrderWithinLateness());
  }

  /** Up, then down/up/down a minute apart (raise at the third change), one more change, then quiet. */
  public static RuleScenario raisedOnceThenCleared() {
    Script s = new Script();
    status(s, 0, 1);
    int c1 = status(s, 60, 0);
    int c2 = status(s, 120, 1);
    int c3 = status(s, 180, 0);
    int c4 = status(s, 240, 1); // a fourth change while raised raises nothing
    for (int t = 300; t <= 600; t += 60) {
      status(s, t, 1);
    }
    // watermark 600 - 30 = 570 passes 240 + 5m = 540
    return new RuleScenario("flap raised once, cleared 5m after its last change", RULE, HOCON, Duration.ofSeconds(30),
        s.samples(), List.of(raised(KEY, at(60), c1, c2, c3), cleared(KEY, at(60), at(540), c4)));
  }

  /** After clearing, changes of the old flap must not count toward a new one. */
  public static RuleScenario raisedAgainAfterClearing() {
    Script s = new Script();
    status(s, 0, 1);
    int c1 = status(s, 60, 0);
    int c2 = status(s, 120, 1);
    int c3 = status(s, 180, 0);
    status(s, 240, 0);
    status(s, 480, 0);
    status(s, 520, 0); // watermark 490 passes 180 + 5m = 480: cleared
    int d1 = status(s, 530, 1); // one change: within 10m of the old ones, but they are gone
    status(s, 540, 1);
    int d2 = status(s, 560, 0);
    int d3 = status(s, 600, 1);
    return new RuleScenario("flap cleared, then a second flap with a new id", RULE, HOCON, Duration.ofSeconds(30),
        s.samples(), List.of(raised(KEY, at(60), c1, c2, c3), cleared(KEY, at(60), at(480), c3),
            raised(KEY, at(530), d1, d2, d3)));
  }

  public static RuleScenario twoChangesOnly() {
    Script s = new Script();
    status(s, 0, 1);
    status(s, 60, 0);
    status(s, 120, 1);
    for (int t = 180; t <= 1200; t += 60) {
      status(s, t, 1);
    }
    return new RuleScenario("near miss: two changes", RULE, HOCON, Duration.ofSeconds(30), s.samples(), List.of());
  }

  public static RuleScenario changesFartherApartThanWindow() {
    Script s = new Script();
    status(s, 0, 1);
    status(s, 60, 0);
    status(s, 300, 1);
    status(s, 600, 1);
    status(s, 660, 0); // 600s after the first change: not less than 10m apart
    status(s, 700, 0);
    status(s, 1000, 0);
    return new RuleScenario("near miss: three changes spread over exactly 10m", RULE, HOCON, Duration.ofSeconds(30),
        s.samples(), List.of());
  }

  /** The up at 120 arrives after the down at 180 (within the 90s bound): the changes are those of the time order. */
  public static RuleScenario outOfOrderWithinLateness() {
    Script s = new Script();
    status(s, 0, 1);
    int c1 = status(s, 60, 0);
    int c3 = status(s, 180, 0);
    int c2 = status(s, 120, 1);
    int c4 = status(s, 240, 1);
    int c5 = status(s, 200, 0); // 200 lies between 180 and 240: down->down is no change, 240 still is
    for (int t = 300; t <= 660; t += 60) {
      status(s, t, 1);
    }
    // watermark 660 - 90 = 570 passes 240 + 5m = 540
    return new RuleScenario("flap from out-of-order records", RULE, HOCON, Duration.ofSeconds(90), s.samples(),
        List.of(raised(KEY, at(60), c1, c2, c3), cleared(KEY, at(60), at(540), c4)));
  }

  private static int status(Script s, double seconds, int operStatus) {
    return s.add("r1", "interface", seconds, Map.of("interface", "ge-0/0/1"),
        Map.of("oper_status", (double) operStatus, "admin_status", 1.0, "speed_bps", 1e9), Map.of());
  }
}
