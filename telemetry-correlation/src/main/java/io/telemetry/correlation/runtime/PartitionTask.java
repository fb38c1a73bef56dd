package io.telemetry.correlation.runtime;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.rule.KeyCorrelation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task of a rule instance: partition number p of every input topic. Restores its keys from
 * changelog partition p before evaluating anything, then evaluates records strictly one at a time
 * in arrival order (each through the key's {@link KeyCorrelator}), tracks event time per input
 * (lateness, watermark, timers), and answers each record with the event and changelog records of
 * its transaction.
 */
public final class PartitionTask extends AbstractBehavior<PartitionTask.Command> {

  /** Logger of late-record warnings (tests and operators look for it by this name). */
  public static final Logger LATE_LOG = LoggerFactory.getLogger(PartitionTask.class.getName() + ".late");
  private static final Logger LOG = LoggerFactory.getLogger(PartitionTask.class);
  private static final int MAX_TIMER_ROUNDS = 1000;

  public sealed interface Command {}

  /** Evaluate one record of this task's partition. */
  record Evaluate(InputRecord input, ActorRef<Outcome> replyTo) implements Command {}

  private record Restored(TaskSnapshot snapshot) implements Command {}

  private record RestoreFailed(Throwable cause) implements Command {}

  private record KeyReply(KeyCorrelator.Applied applied) implements Command {}

  private record TimerEntry(Instant time, String key) implements Comparable<TimerEntry> {
    @Override
    public int compareTo(TimerEntry other) {
      int byTime = time.compareTo(other.time);
      return byTime != 0 ? byTime : key.compareTo(other.key);
    }
  }

  private final TaskContext task;
  private final int partition;
  private final Duration lateness;
  private final ActorRef<KeyCorrelator.Applied> replies;
  private final RateLimitedWarning lateWarning = new RateLimitedWarning(LATE_LOG, Duration.ofSeconds(10), 20);
  private final Deque<Evaluate> queue = new ArrayDeque<>();
  private final Map<String, ActorRef<KeyCorrelator.Command>> keys = new HashMap<>();
  private final Map<String, Instant> timerOf = new HashMap<>();
  private final TreeSet<TimerEntry> timers = new TreeSet<>();
  private TaskWatermark clock;
  private boolean restored;
  private long childCounter;

  // The record being evaluated: its replies and what they produced, in order.
  private Evaluate current;
  private int awaiting;
  private final Map<String, KeyCorrelator.Applied> roundReplies = new LinkedHashMap<>();
  private List<String> roundOrder = List.of();
  private final List<ProducerRecord<String, byte[]>> output = new ArrayList<>();
  private boolean metaChanged;
  private int timerRounds;

  private PartitionTask(ActorContext<Command> context, TaskContext task, int partition) {
    super(context);
    this.task = task;
    this.partition = partition;
    this.lateness = task.lateness();
    this.replies = context.messageAdapter(KeyCorrelator.Applied.class, KeyReply::new);
  }

  static Behavior<Command> create(TaskContext task, int partition) {
    return Behaviors.setup(context -> {
      PartitionTask behavior = new PartitionTask(context, task, partition);
      behavior.startRestore();
      return behavior;
    });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Evaluate.class, this::onEvaluate)
        .onMessage(Restored.class, this::onRestored)
        .onMessage(RestoreFailed.class, failed -> {
          // The stream's ask for the stashed records times out and the stream restarts the rule.
          throw new IllegalStateException("rule " + task.rule() + " partition " + partition
              + ": restore from " + task.changelogTopic() + " failed", failed.cause());
        })
        .onMessage(KeyReply.class, reply -> onKeyReply(reply.applied()))
        .build();
  }

  private void startRestore() {
    Executor blocking = getContext().getSystem().dispatchers()
        .lookup(DispatcherSelector.fromConfig("telemetry-blocking-io-dispatcher"));
    CompletableFuture<TaskSnapshot> read = CompletableFuture.supplyAsync(
        () -> ChangelogReader.read(task.settings(), task.changelogTopic(), partition, task.settings().askTimeout()),
        blocking);
    getContext().pipeToSelf(read, (snapshot, failure) ->
        failure == null ? new Restored(snapshot) : new RestoreFailed(failure));
  }

  private Behavior<Command> onRestored(Restored message) {
    TaskSnapshot snapshot = message.snapshot();
    clock = new TaskWatermark(task.inputs(), lateness, task.inputIdle(), snapshot.meta());
    for (Map.Entry<String, byte[]> entry : snapshot.states().entrySet()) {
      restoreKey(task.correlation(), entry.getKey(), entry.getValue());
    }
    restored = true;
    task.metrics().restored();
    LOG.info("rule {} partition {}: restored {} key(s) from {} (watermark {})",
        task.rule(), partition, keys.size(), task.changelogTopic(), clock.watermark());
    drain();
    return this;
  }

  private <S> void restoreKey(KeyCorrelation<S> logic, String key, byte[] json) {
    S state = StateJson.read(json, logic.stateType());
    keys.put(key, spawn(key, state));
    logic.nextTimer(state).ifPresent(time -> setTimer(key, time));
  }

  private Behavior<Command> onEvaluate(Evaluate evaluate) {
    queue.addLast(evaluate);
    drain();
    return this;
  }

  /** Starts queued records while none is in evaluation. */
  private void drain() {
    while (restored && current == null && !queue.isEmpty()) {
      begin(queue.removeFirst());
    }
  }

  private void begin(Evaluate evaluate) {
    InputRecord input = evaluate.input();
    String topic = input.topic();
    Instant time = input.record().time();
    if (clock.isLate(topic, time)) {
      task.metrics().late(topic);
      lateWarning.warn("rule " + task.rule() + ": late record skipped: topic " + topic + " partition " + partition
          + " offset " + input.offset() + " device " + input.record().sample().device() + " time " + time
          + " is more than " + lateness + " behind " + clock.maxOf(topic));
      evaluate.replyTo().tell(Outcome.NOTHING);
      return;
    }
    current = evaluate;
    output.clear();
    timerRounds = 0;
    metaChanged = clock.observe(topic, time);
    if (input.key() == null) {
      task.metrics().skipped();
      fireDueTimers();
      return;
    }
    task.metrics().evaluated();
    String key = input.key();
    ActorRef<KeyCorrelator.Command> child = keys.computeIfAbsent(key, k -> spawn(k, null));
    startRound(List.of(key));
    child.tell(new KeyCorrelator.Apply(input.record(), replies));
  }

  private ActorRef<KeyCorrelator.Command> spawn(String key, Object state) {
    return getContext().spawn(KeyCorrelator.create(key, task.correlation(), state), "key-" + (childCounter++));
  }

  private void startRound(List<String> order) {
    roundReplies.clear();
    roundOrder = order;
    awaiting = order.size();
  }

  private Behavior<Command> onKeyReply(KeyCorrelator.Applied applied) {
    roundReplies.put(applied.key(), applied);
    if (applied.empty()) {
      keys.remove(applied.key()); // the child stops itself
    }
    setTimer(applied.key(), applied.nextTimer());
    if (--awaiting > 0) {
      return this;
    }
    for (String key : roundOrder) {
      collect(roundReplies.get(key));
    }
    fireDueTimers();
    return this;
  }

  private void collect(KeyCorrelator.Applied applied) {
    for (CorrelatedEvent event : applied.events()) {
      output.add(task.events().of(event));
      if (event.state() == EventState.RAISED) {
        task.metrics().raised();
      } else {
        task.metrics().cleared();
      }
    }
    if (applied.stateChanged()) {
      output.add(new ProducerRecord<>(task.changelogTopic(), partition, applied.key(), applied.stateJson()));
    }
  }

  /** Moves the watermark and fires every key whose timer it passed; finishes the record when none is due. */
  private void fireDueTimers() {
    if (clock.advance()) {
      metaChanged = true;
    }
    Instant watermark = clock.watermark();
    List<String> due = new ArrayList<>();
    while (watermark != null && !timers.isEmpty() && !timers.first().time().isAfter(watermark)) {
      TimerEntry entry = timers.pollFirst();
      timerOf.remove(entry.key());
      due.add(entry.key());
    }
    if (due.isEmpty() || ++timerRounds > MAX_TIMER_ROUNDS) {
      if (!due.isEmpty()) {
        LOG.warn("rule {} partition {}: keys {} keep asking for timers at or before watermark {}; rule bug?",
            task.rule(), partition, due, watermark);
      }
      finish();
      return;
    }
    startRound(due);
    for (String key : due) {
      keys.get(key).tell(new KeyCorrelator.Fire(watermark, replies));
    }
  }

  private void finish() {
    if (metaChanged) {
      output.add(new ProducerRecord<>(task.changelogTopic(), partition, TaskMeta.KEY,
          StateJson.write(clock.meta())));
    }
    current.replyTo().tell(new Outcome(List.copyOf(output)));
    current = null;
    output.clear();
    drain();
  }

  private void setTimer(String key, Instant time) {
    Instant previous = timerOf.remove(key);
    if (previous != null) {
      timers.remove(new TimerEntry(previous, key));
    }
    if (time != null) {
      timerOf.put(key, time);
      timers.add(new TimerEntry(time, key));
    }
  }
}
