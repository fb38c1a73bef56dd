package io.telemetry.correlation.rules;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import java.util.List;
import java.util.Map;

/** Builds the events of one rule instance: the parts every event of the instance shares. */
public record EventFactory(String rule, String ruleType, String severity) {

  public CorrelatedEvent raised(String key, String device, String subject, long openedNanos, String summary,
      List<RecordRef> evidence, Map<String, String> details) {
    return new CorrelatedEvent(rule, ruleType, key, EventState.RAISED, severity, device, subject,
        EventTime.instant(openedNanos), null, summary, evidence(evidence), details);
  }

  public CorrelatedEvent cleared(String key, String device, String subject, long openedNanos, long closedNanos,
      String summary, List<RecordRef> evidence, Map<String, String> details) {
    return new CorrelatedEvent(rule, ruleType, key, EventState.CLEARED, severity, device, subject,
        EventTime.instant(openedNanos), EventTime.instant(closedNanos), summary, evidence(evidence), details);
  }

  private static List<io.telemetry.correlation.rule.Evidence> evidence(List<RecordRef> refs) {
    return refs.stream().map(RecordRef::evidence).toList();
  }
}
