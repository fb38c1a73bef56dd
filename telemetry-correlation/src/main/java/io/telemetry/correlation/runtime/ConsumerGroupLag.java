package io.telemetry.correlation.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far rules' consumer groups are behind their input topics, asked of the broker: per input
 * partition, the end offset (the last stable offset: read_committed, as the rules read) minus the
 * group's committed offset, or minus the partition's log start where the group has committed
 * nothing (a rule starts from the earliest record). This is the lag of the rule, whichever
 * instance holds which partition, and it is known while the rule's stream is down or restarting.
 * Blocking: call it on the blocking-I/O dispatcher. One Admin client, created on first use.
 */
final class ConsumerGroupLag implements AutoCloseable {

  /** Each broker round trip's bound. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** A rule's consumer group and the topics it reads. */
  record Group(String rule, String groupId, List<String> topics) {}

  private final Map<String, Object> adminProperties;
  private final Object lock = new Object();
  private Admin admin; // guarded by lock
  private boolean closed; // guarded by lock

  ConsumerGroupLag(Map<String, Object> adminProperties) {
    this.adminProperties = new HashMap<>(adminProperties);
    this.adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    this.adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
  }

  /** Records not yet committed per rule, in the order of {@code groups}. */
  Map<String, Long> lags(List<Group> groups)
      throws ExecutionException, InterruptedException, TimeoutException {
    Admin client = admin();
    Set<String> topics = new LinkedHashSet<>();
    groups.forEach(g -> topics.addAll(g.topics()));
    Map<String, TopicDescription> described = client.describeTopics(topics).allTopicNames()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Map<String, List<TopicPartition>> partitionsOf = new HashMap<>();
    described.forEach((topic, description) -> partitionsOf.put(topic,
        description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList()));
    List<TopicPartition> all = partitionsOf.values().stream().flatMap(List::stream).toList();
    Map<TopicPartition, Long> ends = offsets(client, all, OffsetSpec.latest());
    Map<TopicPartition, Long> starts = offsets(client, all, OffsetSpec.earliest());

    Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
    groups.forEach(g -> specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec()));
    ListConsumerGroupOffsetsResult committed = client.listConsumerGroupOffsets(specs);
    Map<String, Long> lags = new LinkedHashMap<>();
    for (Group group : groups) {
      Map<TopicPartition, OffsetAndMetadata> offsets = committed.partitionsToOffsetAndMetadata(group.groupId())
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<TopicPartition> partitions = new ArrayList<>();
      group.topics().forEach(t -> partitions.addAll(partitionsOf.getOrDefault(t, List.of())));
      lags.put(group.rule(), lag(partitions, ends, starts, offsets));
    }
    return lags;
  }

  /**
   * The sum over {@code partitions} of end minus where the group reads from: its committed offset,
   * or the log start when it has none or when retention deleted past it (the consumer resets to
   * the earliest record then).
   */
  static long lag(Collection<TopicPartition> partitions, Map<TopicPartition, Long> ends,
      Map<TopicPartition, Long> starts, Map<TopicPartition, OffsetAndMetadata> committed) {
    long sum = 0;
    for (TopicPartition partition : partitions) {
      long end = ends.getOrDefault(partition, 0L);
      long start = starts.getOrDefault(partition, 0L);
      OffsetAndMetadata at = committed.get(partition);
      long from = at == null ? start : Math.max(at.offset(), start);
      sum += Math.max(0, end - from);
    }
    return sum;
  }

  private static Map<TopicPartition, Long> offsets(Admin client, List<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    client.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private Admin admin() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      if (admin == null) {
        admin = Admin.create(adminProperties);
      }
      return admin;
    }
  }

  /** Closes the Admin client; a query in flight fails (closing never waits for it). */
  @Override
  public void close() {
    Admin client;
    synchronized (lock) {
      closed = true;
      client = admin;
      admin = null;
    }
    if (client != null) {
      client.close(TIMEOUT);
    }
  }
}
