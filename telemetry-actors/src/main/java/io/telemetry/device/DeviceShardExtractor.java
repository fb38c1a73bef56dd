package io.telemetry.device;

import io.telemetry.cluster.WeightedShards;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;

/** Routes a device message to the shard its target was packed into ({@link WeightedShards}). */
final class DeviceShardExtractor extends ShardingMessageExtractor<ShardingEnvelope<DeviceActor.Command>, DeviceActor.Command> {

  private final WeightedShards shards;

  DeviceShardExtractor(WeightedShards shards) {
    this.shards = shards;
  }

  @Override
  public String entityId(ShardingEnvelope<DeviceActor.Command> envelope) {
    return envelope.entityId();
  }

  @Override
  public String shardId(String entityId) {
    return shards.shardId(entityId);
  }

  @Override
  public DeviceActor.Command unwrapMessage(ShardingEnvelope<DeviceActor.Command> envelope) {
    return envelope.message();
  }
}
