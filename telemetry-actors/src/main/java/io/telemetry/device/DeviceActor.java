package io.telemetry.device;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.PollResult;
import io.telemetry.inventory.Target;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.sample.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
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
 * One device: keeps its session open, polls on schedule, turns counters into rates and hands the
 * samples to the node's pipeline. Runs as a sharded entity so that exactly one exists per target
 * in the cluster.
 *
 * <p>Blocking work (connect, poll, close) runs on the blocking-I/O dispatcher and comes back as a
 * message; at most one such operation is in flight, so a poll never starts while the previous one
 * runs. When the pipeline entry is full the poll is deferred (and counted), never dropped: the
 * actor holds at most one finished batch until the entry takes it.
 */
public final class DeviceActor extends AbstractBehavior<DeviceActor.Command> {

  public static final EntityTypeKey<Command> ENTITY_TYPE = EntityTypeKey.create(Command.class, "device");

  public sealed interface Command {}

  /** Sent through sharding by the fleet keeper so that every target's entity runs unasked. */
  public record EnsureRunning() implements Command, CborSerializable {}

  public record GetStatus(ActorRef<DeviceStatus> replyTo) implements Command, CborSerializable {}

  private record Connect() implements Command {}

  private record Connected(Collector collector) implements Command {}

  private record ConnectFailed(Throwable cause) implements Command {}

  private record PollTick() implements Command {}

  private record PollCompleted(PollResult result, long nanos) implements Command {}

  private record PollFailed(Throwable cause, long nanos) implements Command {}

  private record RetryDeferred() implements Command {}

  /** What the device is doing, for status queries. */
  public enum State { CONNECTING, CONNECTED, BACKOFF }

  public record DeviceStatus(String id, String node, State state, Optional<Instant> lastPoll,
      Optional<Duration> lastPollDuration, Optional<String> lastError) implements CborSerializable {}

  private static final String POLL_TIMER = "poll";
  private static final String CONNECT_TIMER = "connect";
  private static final String DEFERRAL_TIMER = "deferral";

  private final Target target;
  private final DeviceEnvironment env;
  private final TimerScheduler<Command> timers;
  private final CounterRates rates = new CounterRates();

  private State state = State.CONNECTING;
  private Collector collector;
  private Duration backoff;
  private boolean firstConnection = true;
  private boolean polling;
  private boolean pollOwed;
  private boolean owedPollDeferred;
  private PollBatch pendingBatch;
  private Instant lastPoll;
  private Duration lastPollDuration;
  private String lastError;

  public static Behavior<Command> create(String targetId, DeviceEnvironment env) {
    return Behaviors.setup(context -> {
      Optional<Target> target = env.targets().find(targetId);
      if (target.isEmpty()) {
        context.getLog().warn("device {}: no such target is configured on node {}; entity stops",
            targetId, env.nodeId());
        return Behaviors.stopped();
      }
      return Behaviors.withTimers(timers -> new DeviceActor(context, timers, target.get(), env));
    });
  }

  private DeviceActor(ActorContext<Command> context, TimerScheduler<Command> timers, Target target,
      DeviceEnvironment env) {
    super(context);
    this.timers = timers;
    this.target = target;
    this.env = env;
    this.backoff = env.settings().reconnectBackoffMin();
    context.getSelf().tell(new Connect());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(EnsureRunning.class, m -> this)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(Connect.class, m -> onConnect())
        .onMessage(Connected.class, this::onConnected)
        .onMessage(ConnectFailed.class, this::onConnectFailed)
        .onMessage(PollTick.class, m -> onPollTick())
        .onMessage(RetryDeferred.class, m -> onRetryDeferred())
        .onMessage(PollCompleted.class, this::onPollCompleted)
        .onMessage(PollFailed.class, this::onPollFailed)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onGetStatus(GetStatus request) {
    request.replyTo().tell(new DeviceStatus(target.id(), env.nodeId(), state,
        Optional.ofNullable(lastPoll), Optional.ofNullable(lastPollDuration), Optional.ofNullable(lastError)));
    return this;
  }

  private Behavior<Command> onConnect() {
    state = State.CONNECTING;
    Collector fresh = env.collectors().create(target);
    runBlocking(() -> {
      try {
        fresh.open();
        return new Connected(fresh);
      } catch (Throwable e) {
        fresh.close();
        return new ConnectFailed(e);
      }
    }, ConnectFailed::new);
    return this;
  }

  private Behavior<Command> onConnected(Connected connected) {
    collector = connected.collector();
    state = State.CONNECTED;
    backoff = env.settings().reconnectBackoffMin();
    getContext().getLog().info("device {}: session open to {}:{}", target.id(), target.host(), target.port());
    Duration firstDelay = firstConnection && env.settings().spreadFirstPoll()
        ? spreadOffset() : Duration.ZERO;
    firstConnection = false;
    timers.startTimerAtFixedRate(POLL_TIMER, new PollTick(), firstDelay, target.interval());
    return this;
  }

  /** A stable offset within one interval, so that a fleet's polls do not all fire together. */
  private Duration spreadOffset() {
    long intervalMillis = target.interval().toMillis();
    return Duration.ofMillis(Math.floorMod(target.id().hashCode() * 2654435761L, intervalMillis));
  }

  private Behavior<Command> onConnectFailed(ConnectFailed failed) {
    env.metrics().error(target.id());
    lastError = describe(failed.cause());
    getContext().getLog().error("device {}: connect failed, retrying in {}: {}", target.id(), backoff, lastError);
    scheduleReconnect();
    return this;
  }

  private void scheduleReconnect() {
    state = State.BACKOFF;
    pollOwed = false;
    timers.cancel(POLL_TIMER);
    double jitter = 1 + env.settings().reconnectBackoffJitter() * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
    timers.startSingleTimer(CONNECT_TIMER, new Connect(), Duration.ofMillis((long) (backoff.toMillis() * jitter)));
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(env.settings().reconnectBackoffMax()) > 0 ? env.settings().reconnectBackoffMax() : doubled;
  }

  private Behavior<Command> onPollTick() {
    if (state != State.CONNECTED) {
      return this;
    }
    if (polling) {
      env.metrics().overrun(target.id());
      return this;
    }
    if (pollOwed) {
      // The previous tick's poll is still deferred; this tick is put off with it.
      env.metrics().deferred(target.id());
      return this;
    }
    pollOwed = true;
    owedPollDeferred = false;
    return pollWhenThereIsRoom();
  }

  private Behavior<Command> onRetryDeferred() {
    return pollWhenThereIsRoom();
  }

  /** Hands over a held batch first, then polls if one is owed and the entry has room. */
  private Behavior<Command> pollWhenThereIsRoom() {
    if (pendingBatch != null && env.entry().offer(pendingBatch)) {
      env.metrics().polled(pendingBatch);
      pendingBatch = null;
    }
    boolean blocked = pendingBatch != null || !env.entry().hasRoom();
    if (blocked && pollOwed && !owedPollDeferred) {
      owedPollDeferred = true;
      env.metrics().deferred(target.id());
    }
    if (blocked && (pollOwed || pendingBatch != null)) {
      if (!timers.isTimerActive(DEFERRAL_TIMER)) {
        timers.startSingleTimer(DEFERRAL_TIMER, new RetryDeferred(), env.settings().deferralRetry());
      }
      return this;
    }
    if (pollOwed && state == State.CONNECTED && !polling) {
      startPoll();
    }
    return this;
  }

  private void startPoll() {
    pollOwed = false;
    polling = true;
    Collector current = collector;
    long start = System.nanoTime();
    runBlocking(() -> {
      try {
        return new PollCompleted(current.poll(Instant.now()), System.nanoTime() - start);
      } catch (Throwable e) {
        return new PollFailed(e, System.nanoTime() - start);
      }
    }, e -> new PollFailed(e, System.nanoTime() - start));
  }

  private Behavior<Command> onPollCompleted(PollCompleted done) {
    polling = false;
    recordDuration(done.nanos());
    lastError = null;
    List<Sample> samples = rates.apply(done.result());
    PollBatch batch = new PollBatch(target.id(), samples);
    if (env.entry().offer(batch)) {
      env.metrics().polled(batch);
    } else {
      pendingBatch = batch;
      pollWhenThereIsRoom();
    }
    return this;
  }

  private Behavior<Command> onPollFailed(PollFailed failed) {
    polling = false;
    recordDuration(failed.nanos());
    env.metrics().error(target.id());
    lastError = describe(failed.cause());
    boolean broken = !(failed.cause() instanceof CollectException ce) || ce.sessionBroken();
    if (broken) {
      getContext().getLog().error("device {}: poll failed, reconnecting in {}: {}", target.id(), backoff, lastError);
      closeCollector();
      scheduleReconnect();
    } else {
      getContext().getLog().error("device {}: poll failed: {}", target.id(), lastError);
    }
    return this;
  }

  private void recordDuration(long nanos) {
    lastPoll = Instant.now();
    lastPollDuration = Duration.ofNanos(nanos);
    env.metrics().pollDuration(target.id(), nanos, nanos > target.interval().toNanos());
  }

  private Behavior<Command> onStop() {
    closeCollector();
    if (pendingBatch != null) {
      getContext().getLog().warn("device {}: stopping with {} samples not handed to the pipeline",
          target.id(), pendingBatch.samples().size());
      env.metrics().failed(pendingBatch);
    }
    return this;
  }

  private void closeCollector() {
    Collector closing = collector;
    collector = null;
    if (closing != null) {
      CompletableFuture.runAsync(closing::close, env.blockingIo());
    }
  }

  /** Runs blocking work on the blocking-I/O dispatcher and sends its outcome to this actor. */
  private void runBlocking(java.util.function.Supplier<Command> work,
      java.util.function.Function<Throwable, Command> onFailure) {
    getContext().pipeToSelf(CompletableFuture.supplyAsync(work, env.blockingIo()),
        (result, error) -> error != null ? onFailure.apply(unwrap(error)) : result);
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // CollectException messages already start with "device <id>: ".
    return message.startsWith("device " + target.id()) ? message.substring(("device " + target.id() + ": ").length()) : message;
  }
}
