package io.telemetry.correlation.scenario;

import io.telemetry.correlation.rule.EventState;
import java.time.Instant;
import java.util.List;

/**
 * An event a scenario must produce.
 *
 * @param key      the event key
 * @param state    raised or cleared
 * @param opened   opening time (part of the event id)
 * @param closed   closing time, null for a raised event
 * @param evidence indexes into the scenario's script of the records the event cites
 */
public record ExpectedEvent(String key, EventState state, Instant opened, Instant closed, List<Integer> evidence) {

  public ExpectedEvent {
    evidence = List.copyOf(evidence);
  }

  public static ExpectedEvent raised(String key, Instant opened, Integer... evidence) {
    return new ExpectedEvent(key, EventState.RAISED, opened, null, List.of(evidence));
  }

  public static ExpectedEvent cleared(String key, Instant opened, Instant closed, Integer... evidence) {
    return new ExpectedEvent(key, EventState.CLEARED, opened, closed, List.of(evidence));
  }
}
