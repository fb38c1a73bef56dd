package io.telemetry.correlation.runtime;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.kafka.RestrictedConsumer;
import org.apache.pekko.kafka.javadsl.PartitionAssignmentHandler;

/**
 * Tells the router which partition numbers this instance consumes. Runs on the consumer thread
 * inside poll, before any record of the new assignment is emitted, so the router learns of a
 * partition before its first record.
 */
final class AssignmentListener implements PartitionAssignmentHandler {

  private final ActorRef<CorrelationRouter.Command> router;

  AssignmentListener(ActorRef<CorrelationRouter.Command> router) {
    this.router = router;
  }

  @Override
  public void onAssign(Set<TopicPartition> assigned, RestrictedConsumer consumer) {
    // The whole assignment (eager protocol with RangeAssignor), not only what was added.
    router.tell(new CorrelationRouter.Assigned(numbers(consumer.assignment())));
  }

  @Override
  public void onRevoke(Set<TopicPartition> revoked, RestrictedConsumer consumer) {
    // Nothing: the source drains in-flight records after this; onAssign then tells what stays.
  }

  @Override
  public void onLost(Set<TopicPartition> lost, RestrictedConsumer consumer) {
    router.tell(new CorrelationRouter.Lost(numbers(lost)));
  }

  @Override
  public void onStop(Set<TopicPartition> current, RestrictedConsumer consumer) {}

  private static Set<Integer> numbers(Set<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::partition).collect(Collectors.toUnmodifiableSet());
  }
}
