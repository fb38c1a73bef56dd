package io.telemetry.correlation.newdependency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.scenario.DependencyScenarios;
import io.telemetry.correlation.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;

class NewDependencyEventTest {

  @Test
  void pointEventNamesHostgroupAndPort() {
    CorrelatedEvent event = ScenarioRunner.run(DependencyScenarios.newHostgroupAfterLearning(), false).events().get(0);
    assertEquals(EventState.RAISED, event.state());
    assertEquals("minor", event.severity());
    assertEquals("h1", event.device());
    assertEquals("web", event.subject());
    assertEquals("h1 has a new upstream dependency on hostgroup web (port 5432), not used in its first 1h",
        event.summary());
    assertEquals("5432", event.details().get("port"));
  }
}
