package io.telemetry.device;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/** Registers the "device" entity type with cluster sharding on this node. */
public final class DeviceSharding {

  private DeviceSharding() {}

  public static ActorRef<ShardingEnvelope<DeviceActor.Command>> init(ActorSystem<?> system, DeviceEnvironment env) {
    return ClusterSharding.get(system).init(
        Entity.of(DeviceActor.ENTITY_TYPE, ctx -> DeviceActor.create(ctx.getEntityId(), env)));
  }
}
