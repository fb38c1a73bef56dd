package io.telemetry.cluster;

import io.telemetry.device.DeviceRates;
import io.telemetry.device.RateStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWRegisterKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device readings in Pekko Distributed Data: one LWW register per target, written locally after
 * every poll and spread to every node by gossip. A device starting on another node reads its local
 * replica, which may be a poll or two old; that is still correct (docs/cluster.md).
 */
public final class ReplicatedRateStore implements RateStore {

  private static final Logger log = LoggerFactory.getLogger(ReplicatedRateStore.class);
  private static final String KEY_PREFIX = "device-rates-";

  private final ActorSystem<?> system;
  private final ActorRef<Replicator.Command> replicator;
  private final SelfUniqueAddress self;
  private final Duration readTimeout;

  public ReplicatedRateStore(ActorSystem<?> system, Duration readTimeout) {
    this.system = system;
    this.replicator = DistributedData.get(system).replicator();
    this.self = DistributedData.get(system).selfUniqueAddress();
    this.readTimeout = readTimeout;
  }

  static Key<LWWRegister<DeviceRates>> key(String targetId) {
    return LWWRegisterKey.create(KEY_PREFIX + targetId);
  }

  @Override
  public void publish(String targetId, DeviceRates rates) {
    // The register's clock is max(now, previous + 1): a newer write wins even if clocks differ a little.
    replicator.tell(new Replicator.Update<>(key(targetId), LWWRegister.create(self, rates), Replicator.writeLocal(),
        system.ignoreRef(), register -> register.withValue(self, rates)));
  }

  @Override
  public CompletionStage<Optional<DeviceRates>> restore(String targetId) {
    Key<LWWRegister<DeviceRates>> key = key(targetId);
    CompletionStage<Replicator.GetResponse<LWWRegister<DeviceRates>>> reply = AskPattern.ask(replicator,
        replyTo -> new Replicator.Get<>(key, Replicator.readLocal(), replyTo), readTimeout, system.scheduler());
    return reply.handle((response, error) -> {
      if (error != null) {
        log.warn("device {}: its last counter readings could not be read ({}); rates restart from the next poll",
            targetId, error.toString());
        return Optional.empty();
      }
      if (response instanceof Replicator.GetSuccess<LWWRegister<DeviceRates>> found) {
        DeviceRates rates = found.get(key).getValue();
        return rates.slots().isEmpty() ? Optional.<DeviceRates>empty() : Optional.of(rates);
      }
      return Optional.empty();
    });
  }

  /** Writes an empty entry rather than deleting: a deleted key could never be used again by a re-added target. */
  @Override
  public void forget(String targetId) {
    publish(targetId, DeviceRates.empty());
  }
}
