package io.telemetry.it.correlation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Whether a consumer group has committed every record of a topic: the rule has evaluated all input. */
final class GroupProgress {

  private GroupProgress() {}

  static boolean caughtUp(String bootstrap, String group, String topic, int partitions) {
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
          .get(10, TimeUnit.SECONDS);
      for (var end : ends.entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        long at = done == null ? 0 : done.offset();
        if (at < end.getValue().offset()) {
          return false;
        }
      }
      return true;
    } catch (Exception e) {
      return false; // not there yet (group not created): ask again
    }
  }

  static List<String> describe(String bootstrap, String group) {
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
          .entrySet().stream().map(e -> e.getKey() + "@" + e.getValue().offset()).sorted().toList();
    } catch (Exception e) {
      return List.of("cannot describe group " + group + ": " + e);
    }
  }
}
