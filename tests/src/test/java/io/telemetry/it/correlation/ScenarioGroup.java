package io.telemetry.it.correlation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.scenario.RuleScenario;
import io.telemetry.correlation.scenario.ScenarioRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios of one rule type that one rule instance runs together: they share the instance's
 * settings and lateness bound (a service-wide setting), and each gets its own partition, so every
 * partition task sees one script alone, as the script's author assumed.
 *
 * @param rule      the instance name (unique in the broker: it names the event topic and group)
 * @param hocon     the instance block
 * @param lateness  telemetry.correlation.lateness for this instance
 * @param scenarios the scenarios, scenario i on partition i
 */
record ScenarioGroup(String rule, String hocon, Duration lateness, List<RuleScenario> scenarios) {

  /** The scenarios grouped by rule instance and lateness, in their catalogue's order. */
  static List<ScenarioGroup> of(String prefix, List<RuleScenario> all) {
    Map<String, List<RuleScenario>> byInstance = new LinkedHashMap<>();
    for (RuleScenario scenario : all) {
      byInstance.computeIfAbsent(scenario.instanceName() + "-" + scenario.lateness().toSeconds() + "s",
          k -> new ArrayList<>()).add(scenario);
    }
    List<ScenarioGroup> groups = new ArrayList<>();
    byInstance.forEach((name, scenarios) -> {
      for (RuleScenario scenario : scenarios) {
        if (!scenario.instanceHocon().equals(scenarios.get(0).instanceHocon())) {
          throw new IllegalStateException(scenario.name() + ": instance settings differ from " + scenarios.get(0).name());
        }
      }
      groups.add(new ScenarioGroup(prefix + name, scenarios.get(0).instanceHocon(), scenarios.get(0).lateness(),
          List.copyOf(scenarios)));
    });
    return groups;
  }

  String metricTopicPattern() {
    return "it.scenarios." + rule + ".{family}";
  }

  /** The input topics: the rule's families through this group's metric topic pattern. */
  List<String> inputs() {
    return ScenarioRunner.instance(scenarios.get(0)).families().stream()
        .map(family -> metricTopicPattern().replace("{family}", family)).toList();
  }

  String topic(String family) {
    return metricTopicPattern().replace("{family}", family);
  }

  String eventTopic() {
    return "telemetry.events." + rule;
  }

  String group() {
    return "telemetry-correlation-" + rule;
  }

  /** A root config running this group's instance against {@code bootstrap}. */
  Config config(String bootstrap) {
    String text = """
        telemetry.correlation {
          bootstrap-servers = "%s"
          instance-id = "scenarios-it"
          metric-topic-pattern = "%s"
          lateness = %dms
          commit-interval = 50ms
          drain-timeout = 2s
          metrics-log-interval = 10s
          rules."%s" { %s }
        }
        """.formatted(bootstrap, metricTopicPattern(), lateness.toMillis(), rule, hocon);
    return ConfigFactory.parseString(text).withFallback(ConfigFactory.load()).resolve();
  }
}
