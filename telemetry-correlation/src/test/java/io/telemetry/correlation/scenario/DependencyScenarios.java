package io.telemetry.correlation.scenario;

import static io.telemetry.correlation.scenario.ExpectedEvent.raised;
import static io.telemetry.correlation.scenario.Script.at;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** new-dependency scripts: a 1h learning period from the host's first record. */
public final class DependencyScenarios {

  static final String RULE = "new-deps";
  static final String HOCON = "type = new-dependency, learning-period = 1h";

  private DependencyScenarios() {}

  public static List<RuleScenario> all() {
    return List.of(newHostgroupAfterLearning(), baselineOnly(), firstRecordOutOfOrder());
  }

  public static RuleScenario newHostgroupAfterLearning() {
    Script s = new Script();
    upstream(s, 0, "db");
    upstream(s, 0, "cache");
    upstream(s, 1800, "db");
    upstream(s, 3599, "ldap"); // still learning
    upstream(s, 3600, "db");
    int web = upstream(s, 3700, "web");
    upstream(s, 3760, "web"); // reported once
    upstream(s, 3800, "ldap");
    upstream(s, 3900, "db");
    return new RuleScenario("a hostgroup first used after the learning period", RULE, HOCON, Duration.ofSeconds(30),
        s.samples(), List.of(raised("h1|web", at(3700), web)));
  }

  public static RuleScenario baselineOnly() {
    Script s = new Script();
    upstream(s, 0, "db");
    upstream(s, 600, "cache");
    upstream(s, 4000, "cache");
    upstream(s, 4000, "db");
    s.add("h1", "dependency", 4100, Map.of("direction", "downstream", "remote_hostgroup", "web", "port", "443"),
        Map.of("connections", 1.0), Map.of()); // someone uses us: not our dependency
    s.add("h1", "dependency", 4100, Map.of("direction", "upstream", "port", "53"),
        Map.of("connections", 1.0), Map.of()); // hostgroup unknown
    upstream(s, 4200, "db");
    return new RuleScenario("near miss: baseline hostgroups, downstream and unknown peers", RULE, HOCON,
        Duration.ofSeconds(30), s.samples(), List.of());
  }

  /** The first record (80) arrives after one at 100: learning ends at 80 + 1h, so ldap at 3690 is new. */
  public static RuleScenario firstRecordOutOfOrder() {
    Script s = new Script();
    upstream(s, 100, "db");
    upstream(s, 80, "cache");
    int ldap = upstream(s, 3690, "ldap");
    upstream(s, 3800, "db");
    return new RuleScenario("learning period from the earliest record, not the first to arrive", RULE, HOCON,
        Duration.ofSeconds(30), s.samples(), List.of(raised("h1|ldap", at(3690), ldap)));
  }

  private static int upstream(Script s, double seconds, String hostgroup) {
    Map<String, String> tags = new HashMap<>(Map.of("direction", "upstream", "protocol", "tcp", "port", "5432",
        "remote_hostgroup", hostgroup, "remote_address", "10.1.0.7"));
    return s.add("h1", "dependency", seconds, tags, Map.of("connections", 2.0), Map.of());
  }
}
