package io.telemetry.device;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.DeviceSession;
import io.telemetry.collect.PollResult;
import io.telemetry.inventory.Target;
import io.telemetry.logging.DeviceMdc;
import io.telemetry.pipeline.PollBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One device: keeps its session open, polls each of its collectors on that collector's schedule,
 * turns counters into rates and hands the samples to the node's pipeline. Runs as a sharded
 * entity so that exactly one exists per target in the cluster.
 *
 * <p>Blocking work (open, poll, close) runs on the blocking-I/O dispatcher and comes back as a
 * message. At most one such operation runs per device: collectors share the device's SSH
 * connection, and a poll never starts while the previous one runs. When the pipeline entry is
 * full, polls are deferred (and counted), never dropped: the actor holds at most one finished
 * batch until the entry takes it.
 */
public final class DeviceActor extends AbstractBehavior<DeviceActor.Command> {

  public static final EntityTypeKey<Command> ENTITY_TYPE = EntityTypeKey.create(Command.class, "device");

  public sealed interface Command {}

  /**
   * Sent through sharding by the fleet keeper so that every target's entity runs unasked; on a
   * hand-off, by the device itself with its last readings, which the new entity continues from.
   */
  public record EnsureRunning(Optional<DeviceRates> rates) implements Command, CborSerializable {
    public EnsureRunning() {
      this(Optional.empty());
    }
  }

  public record GetStatus(ActorRef<DeviceStatus> replyTo) implements Command, CborSerializable {}

  /**
   * Sent by the shard when it hands this device off to another node (rebalance, graceful leave):
   * the entity asks sharding to start it again, which happens at the shard's new home, and stops.
   */
  public record HandOff() implements Command {}

  /**
   * Published on the node's event stream when these targets changed, left or moved to another
   * shard in the node's target table: their entities restart (by passivation, see
   * {@link DeviceSharding}) and so pick up the new target, or stop when it is gone.
   */
  public record Reload(java.util.Set<String> targetIds) implements Command {}

  private record RatesRestored(Optional<DeviceRates> rates) implements Command {}

  private record PollTick(int collector) implements Command {}

  private record ReopenDue(int collector) implements Command {}

  private record Opened(int collector, Collector instance) implements Command {}

  private record OpenFailed(int collector, Throwable cause) implements Command {}

  private record PollCompleted(int collector, PollResult result, long nanos) implements Command {}

  private record PollFailed(int collector, Throwable cause, long nanos) implements Command {}

  private record Closed(int collector) implements Command {}

  private record RetryDeferred() implements Command {}

  /** What the device is doing, for status queries. */
  public enum State { CONNECTING, CONNECTED, BACKOFF }

  public record DeviceStatus(String id, String node, State state, Optional<Instant> lastPoll,
      Optional<Duration> lastPollDuration, Optional<String> lastError) implements CborSerializable {}

  private static final String DEFERRAL_TIMER = "deferral";

  /** One configured collector of this device and where it stands. Confined to the actor. */
  private static final class Slot {
    final int index;
    final CollectorSpec spec;
    CounterRates rates = new CounterRates();
    /** When the restored readings were taken, if the device continued from another node's readings. */
    Optional<Instant> restoredFrom = Optional.empty();
    /** Whether this entity polled the slot: readings arriving after that are older than its own. */
    boolean polledHere;
    Collector collector;
    boolean open;
    boolean inBackoff;
    boolean due;
    boolean dueDeferred;
    boolean polling;
    Duration backoff;
    boolean firstOpen = true;

    Slot(int index, CollectorSpec spec, Duration backoff) {
      this.index = index;
      this.spec = spec;
      this.backoff = backoff;
    }
  }

  private final Target target;
  private final DeviceEnvironment env;
  private final TimerScheduler<Command> timers;
  private final DeviceSession session;
  private final List<Slot> slots = new ArrayList<>();

  private boolean busy;
  /** Nothing opens or polls before the last readings are restored: the first rate must use them. */
  private boolean restored;
  private PollBatch pendingBatch;
  private Instant lastPoll;
  private Duration lastPollDuration;
  private String lastError;

  public static Behavior<Command> create(String targetId, DeviceEnvironment env) {
    // Observability (issue 8): every line this actor logs names the device in the MDC.
    return Behaviors.withMdc(Command.class, java.util.Map.of(DeviceMdc.KEY, targetId), Behaviors.setup(context -> {
      Optional<Target> target = env.targets().find(targetId);
      if (target.isEmpty()) {
        context.getLog().warn("device {}: no such target is configured on node {}; entity stops",
            targetId, env.nodeId());
        return Behaviors.stopped();
      }
      return Behaviors.withTimers(timers -> new DeviceActor(context, timers, target.get(), env));
    }));
  }

  private DeviceActor(ActorContext<Command> context, TimerScheduler<Command> timers, Target target,
      DeviceEnvironment env) {
    super(context);
    this.timers = timers;
    this.target = target;
    this.env = env;
    this.session = env.sessions().apply(target);
    for (CollectorSpec spec : target.collectors()) {
      slots.add(new Slot(slots.size(), spec, env.settings().reconnectBackoffMin()));
    }
    context.pipeToSelf(env.rates().restore(target.id()),
        (rates, error) -> new RatesRestored(error == null ? rates : Optional.empty()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(EnsureRunning.class, this::onEnsureRunning)
        .onMessage(RatesRestored.class, this::onRatesRestored)
        .onMessage(HandOff.class, this::onHandOff)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(PollTick.class, this::onPollTick)
        .onMessage(ReopenDue.class, this::onReopenDue)
        .onMessage(Opened.class, this::onOpened)
        .onMessage(OpenFailed.class, this::onOpenFailed)
        .onMessage(PollCompleted.class, this::onPollCompleted)
        .onMessage(PollFailed.class, this::onPollFailed)
        .onMessage(Closed.class, m -> afterBlocking())
        .onMessage(RetryDeferred.class, m -> runNext())
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onGetStatus(GetStatus request) {
    State state = slots.stream().anyMatch(s -> s.inBackoff) ? State.BACKOFF
        : slots.stream().allMatch(s -> s.open) ? State.CONNECTED : State.CONNECTING;
    request.replyTo().tell(new DeviceStatus(target.id(), env.nodeId(), state,
        Optional.ofNullable(lastPoll), Optional.ofNullable(lastPollDuration), Optional.ofNullable(lastError)));
    return this;
  }

  // ---- moving between nodes ------------------------------------------------------------

  private Behavior<Command> onRatesRestored(RatesRestored restoredRates) {
    restoredRates.rates().ifPresent(rates -> continueFrom(rates, "the replicated store"));
    restored = true;
    return runNext();
  }

  /** A hand-off's readings are the newest there are; they also end the wait for the store. */
  private Behavior<Command> onEnsureRunning(EnsureRunning ensure) {
    if (ensure.rates().isEmpty()) {
      return this;
    }
    continueFrom(ensure.rates().get(), "the hand-off");
    restored = true;
    return runNext();
  }

  /** Takes over readings taken elsewhere, per slot, where they are newer than what the slot has and it has not polled here. */
  private void continueFrom(DeviceRates rates, String source) {
    int taken = 0;
    for (Slot slot : slots) {
      CounterRates.Snapshot snapshot = rates.slots().get(DeviceRates.slotKey(slot.index, slot.spec.type()));
      if (snapshot == null || slot.polledHere) {
        continue;
      }
      Optional<Instant> last = lastReading(snapshot);
      boolean newer = slot.restoredFrom.isEmpty()
          || last.isPresent() && last.get().isAfter(slot.restoredFrom.get());
      if (newer) {
        slot.rates = CounterRates.fromSnapshot(snapshot);
        slot.restoredFrom = last;
        taken++;
      }
    }
    if (taken > 0) {
      getContext().getLog().info("device {}: continues from the last readings of {} collector(s) from {}",
          target.id(), taken, source);
    }
  }

  private static Optional<Instant> lastReading(CounterRates.Snapshot snapshot) {
    Optional<Instant> series = snapshot.series().values().stream().map(CounterRates.SeriesState::lastSeen)
        .max(Instant::compareTo);
    return series.isPresent() ? series : snapshot.uptime().map(CounterRates.UptimeReading::at);
  }

  private Behavior<Command> onHandOff(HandOff handOff) {
    if (env.targets().find(target.id()).isEmpty()) {
      // Removed from the table: this entity wrote the device's last readings, so it drops them now,
      // after its last publish (the coordinator's clear can come before a poll that was running).
      env.rates().forget(target.id());
      return Behaviors.stopped();
    }
    // The shard is no longer routed to here; this message waits at the region for the new home.
    org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(getContext().getSystem())
        .entityRefFor(ENTITY_TYPE, target.id()).tell(new EnsureRunning(Optional.of(currentRates())));
    return Behaviors.stopped();
  }

  private DeviceRates currentRates() {
    java.util.Map<String, CounterRates.Snapshot> all = new java.util.HashMap<>();
    for (Slot slot : slots) {
      all.put(DeviceRates.slotKey(slot.index, slot.spec.type()), slot.rates.snapshot());
    }
    return new DeviceRates(all);
  }

  // ---- scheduling ------------------------------------------------------------------------

  private Behavior<Command> onPollTick(PollTick tick) {
    Slot slot = slots.get(tick.collector());
    if (!slot.open) {
      return this;
    }
    if (slot.polling) {
      env.metrics().overrun(target.id());
      return this;
    }
    if (slot.due) {
      // The previous tick's poll is still deferred; this tick is put off with it.
      env.metrics().deferred(target.id());
      return this;
    }
    slot.due = true;
    slot.dueDeferred = false;
    return runNext();
  }

  private Behavior<Command> onReopenDue(ReopenDue due) {
    slots.get(due.collector()).inBackoff = false;
    return runNext();
  }

  /**
   * Starts the next piece of blocking work, if none runs: first hand over a held batch, then open
   * a collector that needs it, then poll a collector that is due (when the entry has room).
   */
  private Behavior<Command> runNext() {
    if (busy || !restored) {
      return this;
    }
    if (pendingBatch != null && env.entry().offer(pendingBatch)) {
      env.metrics().polled(pendingBatch);
      pendingBatch = null;
    }
    for (Slot slot : slots) {
      if (!slot.open && !slot.inBackoff) {
        startOpen(slot);
        return this;
      }
    }
    boolean blocked = pendingBatch != null || !env.entry().hasRoom();
    boolean anyDue = false;
    for (Slot slot : slots) {
      if (slot.open && slot.due) {
        anyDue = true;
        if (blocked) {
          if (!slot.dueDeferred) {
            slot.dueDeferred = true;
            env.metrics().deferred(target.id());
          }
        } else {
          startPoll(slot);
          return this;
        }
      }
    }
    if (blocked && (anyDue || pendingBatch != null) && !timers.isTimerActive(DEFERRAL_TIMER)) {
      timers.startSingleTimer(DEFERRAL_TIMER, new RetryDeferred(), env.settings().deferralRetry());
    }
    return this;
  }

  private Behavior<Command> afterBlocking() {
    busy = false;
    return runNext();
  }

  // ---- open ------------------------------------------------------------------------------

  private void startOpen(Slot slot) {
    Collector fresh = env.collectors().create(target, slot.spec);
    runBlocking(() -> {
      try {
        fresh.open(session);
        return new Opened(slot.index, fresh);
      } catch (Throwable e) {
        fresh.close();
        return new OpenFailed(slot.index, e);
      }
    }, e -> new OpenFailed(slot.index, e));
  }

  private Behavior<Command> onOpened(Opened opened) {
    Slot slot = slots.get(opened.collector());
    slot.collector = opened.instance();
    slot.open = true;
    slot.backoff = env.settings().reconnectBackoffMin();
    getContext().getLog().info("device {}: {} open ({}:{})", target.id(), slot.spec.type(), target.host(), target.port());
    Duration firstDelay = !slot.firstOpen ? Duration.ZERO
        : slot.restoredFrom.isPresent() ? continuingDelay(slot, slot.restoredFrom.get())
        : env.settings().spreadFirstPoll() ? spreadOffset(slot) : Duration.ZERO;
    slot.firstOpen = false;
    timers.startTimerAtFixedRate(pollTimer(slot), new PollTick(slot.index), firstDelay, slot.spec.interval());
    return afterBlocking();
  }

  private Behavior<Command> onOpenFailed(OpenFailed failed) {
    Slot slot = slots.get(failed.collector());
    env.metrics().error(target.id());
    lastError = describe(failed.cause());
    getContext().getLog().error("device {}: {} could not open, retrying in {}: {}", target.id(), slot.spec.type(),
        slot.backoff, lastError);
    backOff(slot);
    return afterBlocking();
  }

  /** Keeps the device's rhythm across a move: the next poll is one interval after the last reading. */
  private static Duration continuingDelay(Slot slot, Instant lastReading) {
    Duration untilDue = Duration.between(Instant.now(), lastReading.plus(slot.spec.interval()));
    return untilDue.isNegative() ? Duration.ZERO
        : untilDue.compareTo(slot.spec.interval()) > 0 ? slot.spec.interval() : untilDue;
  }

  /** A stable offset within one interval, so that a fleet's polls do not all fire together. */
  private Duration spreadOffset(Slot slot) {
    long intervalMillis = slot.spec.interval().toMillis();
    return Duration.ofMillis(Math.floorMod((target.id() + "/" + slot.index).hashCode() * 2654435761L, intervalMillis));
  }

  private void backOff(Slot slot) {
    slot.open = false;
    slot.due = false;
    slot.inBackoff = true;
    timers.cancel(pollTimer(slot));
    double jitter = 1 + env.settings().reconnectBackoffJitter() * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
    timers.startSingleTimer(reopenTimer(slot), new ReopenDue(slot.index),
        Duration.ofMillis((long) (slot.backoff.toMillis() * jitter)));
    Duration doubled = slot.backoff.multipliedBy(2);
    slot.backoff = doubled.compareTo(env.settings().reconnectBackoffMax()) > 0
        ? env.settings().reconnectBackoffMax() : doubled;
  }

  // ---- poll ------------------------------------------------------------------------------

  private void startPoll(Slot slot) {
    slot.due = false;
    slot.polling = true;
    Collector current = slot.collector;
    long start = System.nanoTime();
    runBlocking(() -> {
      try {
        return new PollCompleted(slot.index, current.poll(Instant.now()), System.nanoTime() - start);
      } catch (Throwable e) {
        return new PollFailed(slot.index, e, System.nanoTime() - start);
      }
    }, e -> new PollFailed(slot.index, e, System.nanoTime() - start));
  }

  private Behavior<Command> onPollCompleted(PollCompleted done) {
    Slot slot = slots.get(done.collector());
    slot.polling = false;
    recordDuration(slot, done.nanos());
    lastError = null;
    slot.polledHere = true;
    PollBatch batch = new PollBatch(target.id(), slot.rates.apply(done.result()));
    env.rates().publish(target.id(), currentRates());
    if (env.entry().offer(batch)) {
      env.metrics().polled(batch);
    } else {
      pendingBatch = batch;
    }
    return afterBlocking();
  }

  private Behavior<Command> onPollFailed(PollFailed failed) {
    Slot slot = slots.get(failed.collector());
    slot.polling = false;
    recordDuration(slot, failed.nanos());
    env.metrics().error(target.id());
    lastError = describe(failed.cause());
    boolean broken = !(failed.cause() instanceof CollectException ce) || ce.sessionBroken();
    if (!broken) {
      getContext().getLog().error("device {}: {} poll failed: {}", target.id(), slot.spec.type(), lastError);
      return afterBlocking();
    }
    getContext().getLog().error("device {}: {} poll failed, reopening in {}: {}", target.id(), slot.spec.type(),
        slot.backoff, lastError);
    Collector closing = slot.collector;
    slot.collector = null;
    backOff(slot);
    // Still busy: closing the collector is blocking work on the device's session too.
    runBlocking(() -> {
      closing.close();
      return new Closed(slot.index);
    }, e -> new Closed(slot.index));
    return this;
  }

  private void recordDuration(Slot slot, long nanos) {
    lastPoll = Instant.now();
    lastPollDuration = Duration.ofNanos(nanos);
    env.metrics().pollDuration(target.id(), slot.spec.type(), nanos, nanos > slot.spec.interval().toNanos());
  }

  // ---- stop ------------------------------------------------------------------------------

  private Behavior<Command> onStop() {
    List<Collector> open = new ArrayList<>();
    for (Slot slot : slots) {
      if (slot.collector != null) {
        open.add(slot.collector);
      }
    }
    CompletableFuture.runAsync(DeviceMdc.around(target.id(), () -> {
      open.forEach(Collector::close);
      session.close();
    }), env.blockingIo());
    if (pendingBatch != null) {
      if (offerOnStop(pendingBatch)) {
        env.metrics().polled(pendingBatch);
      } else {
        getContext().getLog().warn("device {}: stopping with {} samples the full pipeline could not take",
            target.id(), pendingBatch.samples().size());
        env.metrics().failed(pendingBatch);
      }
    }
    return this;
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** A last hand-over when the entity stops (e.g. a graceful shutdown); the stream may be closed already. */
  private boolean offerOnStop(PollBatch batch) {
    try {
      return env.entry().offer(batch);
    } catch (IllegalStateException streamClosed) {
      return false;
    }
  }

  private static String pollTimer(Slot slot) {
    return "poll-" + slot.index;
  }

  private static String reopenTimer(Slot slot) {
    return "reopen-" + slot.index;
  }

  /** Runs blocking work on the blocking-I/O dispatcher and sends its outcome to this actor. */
  private void runBlocking(Supplier<Command> work, Function<Throwable, Command> onFailure) {
    busy = true;
    getContext().pipeToSelf(CompletableFuture.supplyAsync(DeviceMdc.around(target.id(), work), env.blockingIo()),
        (result, error) -> error != null ? onFailure.apply(unwrap(error)) : result);
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // CollectException messages already start with "device <id>: ".
    String prefix = "device " + target.id() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
