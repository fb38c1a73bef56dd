package io.telemetry.correlation.rule;

import java.util.List;

/**
 * What one evaluation produced: the key's new state and the events to publish.
 *
 * @param state  the new state of the key (written to the changelog in the same Kafka transaction
 *               as the events and the consumed offsets)
 * @param events events to publish, possibly none
 */
public record Step<S>(S state, List<CorrelatedEvent> events) {

  public Step {
    events = List.copyOf(events);
  }

  /** A new state and no event. */
  public static <S> Step<S> quiet(S state) {
    return new Step<>(state, List.of());
  }
}
