package io.telemetry.correlation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.correlation.rule.RuleType;
import io.telemetry.correlation.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** correlation-rules.conf names the five rule types, and the sample hocon/correlation.conf builds with them. */
class RuleTypeCatalogTest {

  @Test
  void everyRuleTypeIsRegisteredUnderItsOwnName() throws ReflectiveOperationException {
    Config types = ConfigFactory.parseResources("correlation-rules.conf").getConfig("telemetry.correlation.rule-types");
    Set<String> names = new TreeSet<>();
    for (String name : types.root().keySet()) {
      RuleType type = (RuleType) Class.forName(types.getString(name + ".class")).getConstructor().newInstance();
      assertEquals(name, type.name());
      RuleInstance defaults = type.create("d", types.getConfig(name + ".defaults"));
      assertEquals(name, defaults.type());
      names.add(name);
    }
    assertEquals(Set.of("interface-flap", "sustained-utilization", "link-failure", "sla-breach", "new-dependency"),
        names);
  }

  @Test
  void sampleConfigurationBuildsOneInstanceOfEachType() {
    Config rules = ConfigFactory.parseFile(Path.of("..", "hocon", "correlation.conf").toFile())
        .getConfig("telemetry.correlation.rules");
    Set<String> types = new TreeSet<>();
    for (String name : rules.root().keySet()) {
      RuleInstance instance = ScenarioRunner.instance(name, rules.getConfig(name));
      assertEquals(name, instance.name());
      types.add(instance.type());
    }
    assertEquals(5, types.size(), types.toString());
  }
}
