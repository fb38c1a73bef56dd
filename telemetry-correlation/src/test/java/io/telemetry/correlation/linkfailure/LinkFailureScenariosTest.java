package io.telemetry.correlation.linkfailure;

import io.telemetry.correlation.scenario.LinkFailureScenarios;
import io.telemetry.correlation.scenario.RuleScenario;
import io.telemetry.correlation.scenario.ScenarioAssertions;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scripted scenario gives exactly its expected events, with or without a JSON round trip of the states. */
class LinkFailureScenariosTest {

  static Stream<RuleScenario> scenarios() {
    return LinkFailureScenarios.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenario(RuleScenario scenario) {
    ScenarioAssertions.assertScenario(scenario);
  }
}
