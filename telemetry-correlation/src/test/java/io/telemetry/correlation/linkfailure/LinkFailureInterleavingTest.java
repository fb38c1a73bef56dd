package io.telemetry.correlation.linkfailure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.MetricRecord;
import io.telemetry.correlation.scenario.LinkFailureScenarios;
import io.telemetry.correlation.scenario.RuleDriver;
import io.telemetry.correlation.scenario.RuleScenario;
import io.telemetry.correlation.scenario.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * link-failure reads two topics whose records a consumer may interleave differently on every run
 * (a restart included): the events must not depend on it.
 */
class LinkFailureInterleavingTest {

  @Test
  void sameEventsWhateverTheInterleavingOfTheTwoTopics() {
    RuleScenario scenario = LinkFailureScenarios.interfaceThenTwoSessions();
    List<MetricRecord> records = ScenarioRunner.records(scenario);
    List<CorrelatedEvent> scripted = feed(scenario, records);
    assertFalse(scripted.isEmpty());

    // The script polls per 30s tick: interface, peer A, peer B. Reverse each tick's order ...
    List<MetricRecord> peersFirst = new ArrayList<>();
    for (int tick = 0; tick < records.size() / 3; tick++) {
      peersFirst.addAll(List.of(records.get(3 * tick + 2), records.get(3 * tick + 1), records.get(3 * tick)));
    }
    assertEquals(scripted, feed(scenario, peersFirst));
    // ... or let the interface topic lag the peer topic by one tick (within the 30s lateness).
    List<MetricRecord> interfacesLag = new ArrayList<>();
    for (int tick = 0; tick <= records.size() / 3; tick++) {
      if (tick < records.size() / 3) {
        interfacesLag.addAll(records.subList(3 * tick + 1, 3 * tick + 3));
      }
      if (tick > 0) {
        interfacesLag.add(records.get(3 * (tick - 1)));
      }
    }
    assertEquals(records.size(), interfacesLag.size());
    assertEquals(scripted, feed(scenario, interfacesLag));
    // ... or deliver every interface record before the first BGP record (one partition fetched
    // ahead of the other): bgp_peer has not delivered, so it holds the watermark (input-idle).
    List<MetricRecord> interfacesFirst = new ArrayList<>(records.stream()
        .filter(r -> r.sample().family().equals("interface")).toList());
    interfacesFirst.addAll(records.stream().filter(r -> r.sample().family().equals("bgp_peer")).toList());
    assertEquals(scripted, feed(scenario, interfacesFirst));
  }

  @Test
  void raisedEventCitesBothRecords() {
    CorrelatedEvent raised = ScenarioRunner.run(LinkFailureScenarios.interfaceThenTwoSessions(), false).events().get(0);
    assertEquals("critical", raised.severity());
    assertEquals("ge-0/0/1 / 10.0.0.2", raised.subject());
    assertEquals("r1: ge-0/0/1 went down and BGP session 10.0.0.2 went down within 2m", raised.summary());
    assertEquals(List.of("telemetry.metrics.interface", "telemetry.metrics.bgp_peer"),
        raised.evidence().stream().map(e -> e.topic()).toList());
  }

  private static List<CorrelatedEvent> feed(RuleScenario scenario, List<MetricRecord> records) {
    RuleDriver driver = new RuleDriver(ScenarioRunner.instance(scenario), scenario.lateness(), true);
    records.forEach(driver::feed);
    return driver.events();
  }
}
