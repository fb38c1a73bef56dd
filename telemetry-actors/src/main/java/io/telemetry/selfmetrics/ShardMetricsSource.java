package io.telemetry.selfmetrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Shards and entities hosted by this node's region of one entity type (e.g. devices), asked of
 * the local shard region. A node without a region (no collector role) answers with none.
 */
public final class ShardMetricsSource implements MetricsSource {

  private final ActorSystem<?> system;
  private final EntityTypeKey<?> type;
  private final Duration timeout;

  public ShardMetricsSource(ActorSystem<?> system, EntityTypeKey<?> type, Duration timeout) {
    this.system = system;
    this.type = type;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<List<MetricFamily>> collect() {
    CompletionStage<ShardRegion.CurrentShardRegionState> state = AskPattern.ask(
        ClusterSharding.get(system).shardState(),
        replyTo -> new GetShardRegionState(type, replyTo), timeout, system.scheduler());
    return state.thenApply(current -> {
      Map<String, String> labels = Map.of("entity_type", type.name());
      int entities = current.getShards().stream().mapToInt(shard -> shard.getEntityIds().size()).sum();
      return List.of(
          MetricFamily.gauge("telemetry_shards", "Shards hosted by this node's region.")
              .add(labels, current.getShards().size()).build(),
          MetricFamily.gauge("telemetry_entities", "Entities (e.g. device actors) running in this node's shards.")
              .add(labels, entities).build());
    });
  }
}
