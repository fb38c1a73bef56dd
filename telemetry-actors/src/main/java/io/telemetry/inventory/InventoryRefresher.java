package io.telemetry.inventory;

import io.telemetry.inventory.discover.Discovery;
import io.telemetry.inventory.source.InventoryException;
import io.telemetry.inventory.source.ResourceSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Reloads the inventory every {@code interval} (and on {@link Refresh}), applies the policies and
 * tells a listener what changed. Loading and selecting run on the blocking I/O dispatcher, never in
 * the actor. A failed load keeps the last good target list, is logged naming the source, and is
 * counted; the next tick tries again. One load at a time: a tick during a load is skipped.
 *
 * <p>In a node it runs under the cluster's {@link io.telemetry.inventory.cluster.InventoryCoordinator},
 * which publishes the result to every node.
 */
public final class InventoryRefresher {

  public static final String BLOCKING_DISPATCHER = "telemetry-blocking-io-dispatcher";

  public sealed interface Command {}

  /** Reload now (e.g. from the CLI), besides the regular ticks. */
  public enum Refresh implements Command { INSTANCE }

  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private record Loaded(List<Resource> resources, TargetPolicy.Selection selection) implements Command {}

  private record Failed(String reason) implements Command {}

  /**
   * Sent to the listener after the first load and after every load that changed something.
   *
   * @param resources the resources (with what discovery found) the targets were built from, in order
   */
  public record Updated(List<Target> targets, InventoryDiff diff, List<Resource> resources) {
    public Updated {
      targets = List.copyOf(targets);
      resources = List.copyOf(resources);
    }

    public Updated(List<Target> targets, InventoryDiff diff) {
      this(targets, diff, List.of());
    }
  }

  /**
   * @param targets   the targets in force (the last good load)
   * @param rejected  resources the selecting policy could not poll, with the reason
   * @param loadedAt  when the targets in force were loaded; empty before the first success
   * @param lastError why the latest load failed; empty once a load succeeds
   */
  public record Status(List<Target> targets, Map<String, String> rejected, long loads, long failures,
      Optional<Instant> loadedAt, Optional<String> lastError) {}

  private final ActorContext<Command> context;
  private final ResourceSource source;
  private final Optional<Discovery> discovery;
  private final TargetPolicy policy;
  private final ActorRef<Updated> listener;
  private final Executor blocking;
  private final Clock clock;

  private Status status = new Status(List.of(), Map.of(), 0, 0, Optional.empty(), Optional.empty());
  private boolean loading;

  private InventoryRefresher(ActorContext<Command> context, ResourceSource source, Optional<Discovery> discovery,
      TargetPolicy policy, ActorRef<Updated> listener, Clock clock) {
    this.context = context;
    this.source = source;
    this.discovery = discovery;
    this.policy = policy;
    this.listener = listener;
    this.clock = clock;
    this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(BLOCKING_DISPATCHER));
  }

  public static Behavior<Command> create(ResourceSource source, TargetPolicy policy, Duration interval,
      ActorRef<Updated> listener) {
    return create(source, Optional.empty(), policy, interval, listener);
  }

  /**
   * As {@link #create(ResourceSource, TargetPolicy, Duration, ActorRef)}, with discovery between
   * loading and selecting: the probes that are due run (on the blocking dispatcher, bounded by
   * their timeout) and their findings are attributes the policies' selectors see.
   */
  public static Behavior<Command> create(ResourceSource source, Optional<Discovery> discovery, TargetPolicy policy,
      Duration interval, ActorRef<Updated> listener) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(discovery, "discovery");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(listener, "listener");
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("inventory refresh interval must be positive, was " + interval);
    }
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
      context.getSelf().tell(Tick.INSTANCE);
      return new InventoryRefresher(context, source, discovery, policy, listener, Clock.systemUTC()).behavior();
    }));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Tick.INSTANCE, this::load)
        .onMessageEquals(Refresh.INSTANCE, this::load)
        .onMessage(Loaded.class, this::onLoaded)
        .onMessage(Failed.class, this::onFailed)
        .onMessage(GetStatus.class, get -> {
          get.replyTo().tell(status);
          return Behaviors.same();
        })
        .onSignal(PostStop.class, stop -> {
          // The coordinator moved to another node: what this node found goes stale from now on.
          discovery.ifPresent(Discovery::forget);
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> load() {
    if (loading) {
      return Behaviors.same();
    }
    loading = true;
    CompletableFuture<Loaded> future = CompletableFuture.supplyAsync(() -> {
      try {
        return source.load();
      } catch (InventoryException e) {
        throw new CompletionException(e);
      }
    }, blocking)
        .thenCompose(resources -> discovery.map(d -> d.discover(resources))
            .orElseGet(() -> CompletableFuture.completedFuture(resources)))
        .thenApplyAsync(resources -> selected(resources, policy.select(resources)), blocking);
    context.pipeToSelf(future, (loaded, error) -> loaded != null ? loaded : new Failed(reason(error)));
    return Behaviors.same();
  }

  /** The selection with the resources its targets came from. */
  private static Loaded selected(List<Resource> resources, TargetPolicy.Selection selection) {
    Set<String> ids = new HashSet<>();
    selection.targets().forEach(t -> ids.add(t.id()));
    return new Loaded(resources.stream().filter(r -> ids.contains(r.id())).toList(), selection);
  }

  /** An inventory error names the source and line already; anything else gets the source added. */
  private String reason(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause instanceof InventoryException ? cause.getMessage() : source.describe() + ": " + cause;
  }

  private Behavior<Command> onLoaded(Loaded loaded) {
    loading = false;
    TargetPolicy.Selection selection = loaded.selection();
    boolean first = status.loads() == 0;
    InventoryDiff diff = InventoryDiff.between(status.targets(), selection.targets());
    selection.rejected().forEach((id, reason) -> {
      if (!reason.equals(status.rejected().get(id))) {
        context.getLog().warn("inventory {}: {}", source.describe(), reason);
      }
    });
    if (status.lastError().isPresent()) {
      context.getLog().info("inventory {}: loaded again after {} failed refresh(es)", source.describe(), status.failures());
    }
    status = new Status(selection.targets(), selection.rejected(), status.loads() + 1, status.failures(),
        Optional.of(clock.instant()), Optional.empty());
    if (first || !diff.isEmpty()) {
      context.getLog().info("inventory {}: {} targets ({} resources unmatched, {} rejected), {}", source.describe(),
          selection.targets().size(), selection.unmatched().size(), selection.rejected().size(), diff);
      listener.tell(new Updated(selection.targets(), diff, loaded.resources()));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onFailed(Failed failed) {
    loading = false;
    status = new Status(status.targets(), status.rejected(), status.loads(), status.failures() + 1, status.loadedAt(),
        Optional.of(failed.reason()));
    String kept = status.loadedAt().map(at -> "keeping the " + status.targets().size() + " targets loaded at " + at)
        .orElse("no inventory loaded yet");
    context.getLog().warn("inventory refresh failed ({}): {}", kept, failed.reason());
    return Behaviors.same();
  }
}
