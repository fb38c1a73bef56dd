package io.telemetry.correlation.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service actor of one rule instance: keeps a {@link PartitionTask} per partition number this
 * instance consumes, created (and restored) when the partition is assigned and dropped when it is
 * assigned elsewhere, and routes each record to its task.
 */
public final class CorrelationRouter extends AbstractBehavior<CorrelationRouter.Command> {

  private static final Logger LOG = LoggerFactory.getLogger(CorrelationRouter.class);

  public sealed interface Command {}

  /** One record to evaluate; the reply carries its output records. */
  record Route(InputRecord input, ActorRef<Outcome> replyTo) implements Command {}

  /** The consumer's whole assignment after a rebalance, as partition numbers. */
  record Assigned(Set<Integer> partitions) implements Command {}

  /** Partitions lost without a clean hand-over: their in-memory state may be ahead of what was committed. */
  record Lost(Set<Integer> partitions) implements Command {}

  /** The stream restarts: every task's state is read again from the changelog. */
  record Reset() implements Command {}

  /** The service stopped: stop every task and this router. */
  record Stop() implements Command {}

  /** A task stopped (dropped, or failed: its restore could not read the changelog). */
  private record TaskStopped(int partition, ActorRef<PartitionTask.Command> task) implements Command {}

  private final TaskContext task;
  private final Map<Integer, ActorRef<PartitionTask.Command>> tasks = new HashMap<>();
  private long generation;

  private CorrelationRouter(ActorContext<Command> context, TaskContext task) {
    super(context);
    this.task = task;
  }

  static Behavior<Command> create(TaskContext task) {
    return Behaviors.setup(context -> new CorrelationRouter(context, task));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Route.class, this::onRoute)
        .onMessage(Assigned.class, this::onAssigned)
        .onMessage(Lost.class, lost -> {
          lost.partitions().forEach(this::drop);
          return this;
        })
        .onMessage(Stop.class, stop -> Behaviors.stopped())
        .onMessage(TaskStopped.class, stopped -> {
          // A failed task is forgotten, so the partition's next record gets a fresh restore.
          tasks.remove(stopped.partition(), stopped.task());
          return this;
        })
        .onMessage(Reset.class, reset -> {
          Set.copyOf(tasks.keySet()).forEach(this::drop);
          return this;
        })
        .build();
  }

  private Behavior<Command> onRoute(Route route) {
    int partition = route.input().partition();
    // A record before its assignment notice (not expected) still gets a restored task.
    taskFor(partition).tell(new PartitionTask.Evaluate(route.input(), route.replyTo()));
    return this;
  }

  /*
   * Tasks of partitions kept across a rebalance stay as they are: the source drains and commits
   * every in-flight record before a rebalance completes, so their state is what was committed.
   */
  private Behavior<Command> onAssigned(Assigned assigned) {
    for (Integer partition : Set.copyOf(tasks.keySet())) {
      if (!assigned.partitions().contains(partition)) {
        drop(partition);
      }
    }
    assigned.partitions().forEach(this::taskFor);
    LOG.info("rule {}: tasks (partitions) now {}", task.rule(), new java.util.TreeSet<>(tasks.keySet()));
    return this;
  }

  private ActorRef<PartitionTask.Command> taskFor(int partition) {
    return tasks.computeIfAbsent(partition, p -> {
      ActorRef<PartitionTask.Command> spawned = getContext().spawn(
          Behaviors.supervise(PartitionTask.create(task, p)).onFailure(SupervisorStrategy.stop()),
          "partition-" + p + "-" + (generation++));
      getContext().watchWith(spawned, new TaskStopped(p, spawned));
      return spawned;
    });
  }

  private void drop(int partition) {
    ActorRef<PartitionTask.Command> removed = tasks.remove(partition);
    if (removed != null) {
      getContext().stop(removed);
    }
  }
}
