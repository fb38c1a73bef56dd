package io.telemetry.correlation.interfaceflap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.scenario.FlapScenarios;
import io.telemetry.correlation.scenario.RuleScenario;
import io.telemetry.correlation.scenario.ScenarioAssertions;
import io.telemetry.correlation.scenario.ScenarioRunner;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InterfaceFlapRuleTest {

  static Stream<RuleScenario> scenarios() {
    return FlapScenarios.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenario(RuleScenario scenario) {
    ScenarioAssertions.assertScenario(scenario);
  }

  @Test
  void eventsSayWhatHappened() {
    List<CorrelatedEvent> events = ScenarioRunner.run(FlapScenarios.raisedOnceThenCleared(), false).events();
    CorrelatedEvent raised = events.get(0);
    assertEquals("major", raised.severity());
    assertEquals("r1", raised.device());
    assertEquals("ge-0/0/1", raised.subject());
    assertEquals("interface-flap", raised.ruleType());
    assertEquals("r1 ge-0/0/1 is flapping: 3 oper-status changes within 10m, now down", raised.summary());
    assertEquals(Map.of("changes", "3", "changes_threshold", "3", "window", "PT10M", "oper_status", "down"),
        raised.details());
    assertTrue(events.get(1).summary().startsWith("r1 ge-0/0/1 stopped flapping: no oper-status change for 5m"),
        events.get(1).summary());
  }

  @Test
  void logicalInterfacesAndOtherFamiliesHaveNoKey() {
    var rule = ScenarioRunner.instance("flaps", ConfigFactory.parseString("type = interface-flap"));
    var sample = ScenarioRunner.records(FlapScenarios.twoChangesOnly()).get(0).sample();
    assertEquals("r1|ge-0/0/1", rule.keyOf(sample).orElseThrow());
    var logical = new io.telemetry.sink.kafka.SampleRecord(1, "r1", "interface", sample.time(), sample.timeUnixNano(),
        Map.of("interface", "ge-0/0/1.0"), Map.of("in_octets", 5L), Map.of(), Map.of(), "n");
    assertTrue(rule.keyOf(logical).isEmpty());
  }

  @Test
  void badSettingNamesItsPath() {
    ConfigException wrong = assertThrows(ConfigException.class, () -> ScenarioRunner.instance("flaps",
        ConfigFactory.parseString("type = interface-flap, window = often")));
    assertTrue(wrong.getMessage().contains("telemetry.correlation.rules.flaps.window"), wrong.getMessage());
    ConfigException zero = assertThrows(ConfigException.class, () -> ScenarioRunner.instance("flaps",
        ConfigFactory.parseString("type = interface-flap, changes = 0")));
    assertTrue(zero.getMessage().contains("telemetry.correlation.rules.flaps.changes"), zero.getMessage());
    ConfigException severity = assertThrows(ConfigException.class, () -> ScenarioRunner.instance("flaps",
        ConfigFactory.parseString("type = interface-flap, severity = huge")));
    assertTrue(severity.getMessage().contains("telemetry.correlation.rules.flaps.severity"), severity.getMessage());
  }
}
