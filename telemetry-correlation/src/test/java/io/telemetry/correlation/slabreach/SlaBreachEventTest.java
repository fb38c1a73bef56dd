package io.telemetry.correlation.slabreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.scenario.ScenarioRunner;
import io.telemetry.correlation.scenario.SlaScenarios;
import org.junit.jupiter.api.Test;

class SlaBreachEventTest {

  @Test
  void raisedEventNamesUplinkThresholdsAndLastValues() {
    CorrelatedEvent raised = ScenarioRunner.run(SlaScenarios.raisedThenCleared(), false).events().get(0);
    assertEquals("mx1", raised.device());
    assertEquals("Q2AB-CDEF-GHIJ/wan1", raised.subject());
    assertEquals("major", raised.severity());
    assertEquals("mx1 uplink Q2AB-CDEF-GHIJ/wan1 breaches its SLA: 3 consecutive samples with loss above 5% "
        + "or latency above 150 ms (last: loss 8%, latency 20 ms)", raised.summary());
    assertEquals("N_1", raised.details().get("network"));
    assertEquals("8", raised.details().get("loss_percent"));
  }

  @Test
  void clearSamplesDefaultsToSamplesAndIsChecked() {
    ConfigException bad = assertThrows(ConfigException.class, () -> ScenarioRunner.instance("sla",
        ConfigFactory.parseString("type = sla-breach, clear-samples = -1")));
    assertTrue(bad.getMessage().contains("telemetry.correlation.rules.sla.clear-samples"), bad.getMessage());
    ConfigException missing = assertThrows(ConfigException.class, () -> ScenarioRunner.instance("sla",
        ConfigFactory.parseString("type = sla-breach, latency-ms = fast")));
    assertTrue(missing.getMessage().contains("telemetry.correlation.rules.sla.latency-ms"), missing.getMessage());
  }
}
