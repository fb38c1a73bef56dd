package io.telemetry.correlation.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Start-up checks of a rule instance's topics (blocking; call it off actor threads): the inputs
 * exist and are co-partitioned, and the changelog (compacted) and event topics exist with the
 * same partition count, created when missing.
 */
final class TopicAdmin {

  private static final long TIMEOUT_SECONDS = 30;

  private TopicAdmin() {}

  /** @return the partition count shared by every input topic: the rule's task count */
  static int prepare(CorrelationSettings settings, RuleDefinition rule) {
    String eventTopic = settings.topics().eventTopic(rule.name());
    String changelog = settings.topics().changelogTopic(rule.name());
    try (Admin admin = Admin.create(KafkaClientProperties.base(settings))) {
      Map<String, Integer> inputs = partitionCounts(admin, rule.inputs());
      List<String> missing = rule.inputs().stream().filter(t -> !inputs.containsKey(t)).toList();
      if (!missing.isEmpty()) {
        if (!settings.createMissingInputs()) {
          throw new IllegalStateException("rule " + rule.name() + ": input topic(s) " + missing + " do not exist at "
              + settings.bootstrapServers() + "; create them (co-partitioned with " + rule.inputs()
              + ") or set " + CorrelationSettings.PATH + ".create-missing-input-topics = on");
        }
        create(admin, missing, settings.inputTopicPartitions(), settings.replicationFactor(), Map.of());
        inputs.putAll(partitionCounts(admin, missing));
      }
      Set<Integer> counts = Set.copyOf(inputs.values());
      if (counts.size() != 1) {
        throw new IllegalStateException("rule " + rule.name() + ": input topics must have equal partition counts"
            + " (co-partitioned by device), but have " + new TreeMap<>(inputs));
      }
      int partitions = counts.iterator().next();
      ensure(admin, changelog, partitions, settings.replicationFactor(),
          Map.of("cleanup.policy", "compact"), rule.name(), true);
      ensure(admin, eventTopic, partitions, settings.replicationFactor(), Map.of(), rule.name(), false);
      return partitions;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("rule " + rule.name() + ": interrupted while checking topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("rule " + rule.name() + ": cannot check topics at " + settings.bootstrapServers()
          + ": " + (e.getCause() != null ? e.getCause() : e), e);
    }
  }

  private static void ensure(Admin admin, String topic, int partitions, short replication, Map<String, String> config,
      String rule, boolean countMustMatch) throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Integer> existing = partitionCounts(admin, List.of(topic));
    if (existing.isEmpty()) {
      create(admin, List.of(topic), partitions, replication, config);
    } else if (countMustMatch && existing.get(topic) != partitions) {
      throw new IllegalStateException("rule " + rule + ": changelog topic " + topic + " has " + existing.get(topic)
          + " partitions but the inputs have " + partitions + "; task p keeps its state in changelog partition p,"
          + " so they must match (delete the changelog topic to start the rule's state afresh)");
    }
  }

  private static void create(Admin admin, List<String> topics, int partitions, short replication,
      Map<String, String> config) throws InterruptedException, ExecutionException, TimeoutException {
    List<NewTopic> newTopics = new ArrayList<>();
    for (String topic : topics) {
      newTopics.add(new NewTopic(topic, partitions, replication).configs(config));
    }
    for (var result : admin.createTopics(newTopics).values().values()) {
      try {
        result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e; // another instance creating it at the same time is fine
        }
      }
    }
  }

  private static Map<String, Integer> partitionCounts(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Integer> counts = new HashMap<>();
    for (var entry : admin.describeTopics(topics).topicNameValues().entrySet()) {
      try {
        TopicDescription description = entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        counts.put(entry.getKey(), description.partitions().size());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
    }
    return counts;
  }
}
