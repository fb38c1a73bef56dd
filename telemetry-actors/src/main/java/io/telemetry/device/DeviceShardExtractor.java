package io.telemetry.device;

import io.telemetry.cluster.WeightedShards;
import java.util.function.Supplier;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;

/** Routes a device message to the shard the latest placement ({@link WeightedShards}) puts its target in. */
final class DeviceShardExtractor extends ShardingMessageExtractor<ShardingEnvelope<DeviceActor.Command>, DeviceActor.Command> {

  private final Supplier<WeightedShards> shards;

  DeviceShardExtractor(Supplier<WeightedShards> shards) {
    this.shards = shards;
  }

  @Override
  public String entityId(ShardingEnvelope<DeviceActor.Command> envelope) {
    return envelope.entityId();
  }

  @Override
  public String shardId(String entityId) {
    return shards.get().shardId(entityId);
  }

  @Override
  public DeviceActor.Command unwrapMessage(ShardingEnvelope<DeviceActor.Command> envelope) {
    return envelope.message();
  }
}
