package io.telemetry.correlation.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import java.util.List;

/** The checks every rule scenario must pass. */
public final class ScenarioAssertions {

  private ScenarioAssertions() {}

  /**
   * Exactly the expected events; the same events when every state goes through JSON after every
   * step (a restart from the changelog at any point); a cleared event has its raised event's id.
   */
  public static void assertScenario(RuleScenario scenario) {
    RuleDriver plain = ScenarioRunner.run(scenario, false);
    assertEquals(0, plain.late(), "the script has no record beyond the lateness bound");
    assertEquals(ScenarioRunner.expected(scenario),
        plain.events().stream().map(ScenarioRunner.EventFacts::of).toList(), scenario.name());
    assertEquals(plain.events(), ScenarioRunner.run(scenario, true).events(),
        scenario.name() + ": states read back from JSON give other events");
    List<CorrelatedEvent> events = plain.events();
    for (CorrelatedEvent cleared : events) {
      if (cleared.state() == EventState.CLEARED) {
        assertTrue(events.stream().anyMatch(raised -> raised.state() == EventState.RAISED
                && raised.eventId().equals(cleared.eventId()) && events.indexOf(raised) < events.indexOf(cleared)),
            scenario.name() + ": cleared event " + cleared.eventId() + " was not raised before");
      }
    }
  }
}
