package io.telemetry.host.cli;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.runtime.EventJsonCodec;

/** One line per event for a person: time, state, severity, rule, device, subject, summary. */
public final class EventLine {

  private EventLine() {}

  /** The time is when the event's phase began: opened for raised, closed for cleared. */
  public static String of(CorrelatedEvent event) {
    String time = EventJsonCodec.format(event.state() == EventState.CLEARED ? event.closed() : event.opened());
    return String.format("%s %-7s %-8s %s %s %s  %s", time, event.state().json(), event.severity(), event.rule(),
        event.device(), event.subject(), event.summary());
  }
}
