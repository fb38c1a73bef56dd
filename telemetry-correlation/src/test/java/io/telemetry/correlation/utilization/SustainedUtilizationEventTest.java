package io.telemetry.correlation.utilization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.scenario.ScenarioRunner;
import io.telemetry.correlation.scenario.UtilizationScenarios;
import org.junit.jupiter.api.Test;

class SustainedUtilizationEventTest {

  @Test
  void raisedEventSaysDirectionLevelAndSpeed() {
    CorrelatedEvent raised = ScenarioRunner.run(UtilizationScenarios.raisedThenClearedWithHysteresis(), false)
        .events().get(0);
    assertEquals("xe-0/0/0", raised.subject());
    assertEquals("warning", raised.severity());
    assertEquals("r1 xe-0/0/0 inbound utilization above 80% of 1000 Mbit/s for 5m (now 90%)", raised.summary());
    assertEquals("in", raised.details().get("direction"));
    assertEquals("90", raised.details().get("utilization_percent"));
  }

  @Test
  void clearLevelAboveRaiseLevelIsRefused() {
    ConfigException bad = assertThrows(ConfigException.class, () -> ScenarioRunner.instance("hot",
        ConfigFactory.parseString("type = sustained-utilization, raise-percent = 60, clear-percent = 70")));
    assertTrue(bad.getMessage().contains("telemetry.correlation.rules.hot.clear-percent"), bad.getMessage());
  }
}
