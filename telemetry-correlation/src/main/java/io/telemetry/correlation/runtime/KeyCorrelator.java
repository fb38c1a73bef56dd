package io.telemetry.correlation.runtime;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.MetricRecord;
import io.telemetry.correlation.rule.Step;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Holds one correlation key's state and runs the rule's logic on it, one record or watermark at a
 * time. Lives in the partition task that consumes the key's partition; stops itself when its state
 * holds nothing (the task then also deletes it from the changelog).
 */
public final class KeyCorrelator<S> extends AbstractBehavior<KeyCorrelator.Command> {

  public sealed interface Command {}

  /** Evaluate one record of this key. */
  public record Apply(MetricRecord record, ActorRef<Applied> replyTo) implements Command {}

  /** The task's watermark passed this key's timer. */
  public record Fire(Instant watermark, ActorRef<Applied> replyTo) implements Command {}

  /**
   * The result of one step.
   *
   * @param key          the key
   * @param events       events to publish
   * @param stateChanged whether the changelog needs a write
   * @param stateJson    the new state as JSON, or null when it is empty (a tombstone)
   * @param nextTimer    when the key next needs a watermark, or null
   */
  public record Applied(String key, List<CorrelatedEvent> events, boolean stateChanged, byte[] stateJson,
      Instant nextTimer) {

    boolean empty() {
      return stateJson == null;
    }
  }

  private final String key;
  private final KeyCorrelation<S> logic;
  private S state;

  private KeyCorrelator(ActorContext<Command> context, String key, KeyCorrelation<S> logic, S state) {
    super(context);
    this.key = key;
    this.logic = logic;
    this.state = state;
  }

  /** @param state the restored state, or null for a key never seen */
  static <S> Behavior<Command> create(String key, KeyCorrelation<S> logic, Object state) {
    S initial = state == null ? logic.initialState(key) : logic.stateType().cast(state);
    return Behaviors.setup(context -> new KeyCorrelator<>(context, key, logic, initial));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Apply.class, apply -> reply(logic.onRecord(key, state, apply.record()), apply.replyTo()))
        .onMessage(Fire.class, fire -> reply(logic.onWatermark(key, state, fire.watermark()), fire.replyTo()))
        .build();
  }

  private Behavior<Command> reply(Step<S> step, ActorRef<Applied> replyTo) {
    S next = Objects.requireNonNull(step.state(), () -> "rule step for key " + key + " returned no state");
    boolean changed = !next.equals(state);
    state = next;
    boolean empty = logic.isEmpty(next);
    byte[] json = empty ? null : StateJson.write(next);
    Instant timer = empty ? null : logic.nextTimer(next).orElse(null);
    replyTo.tell(new Applied(key, step.events(), changed, json, timer));
    return empty ? Behaviors.stopped() : this;
  }
}
