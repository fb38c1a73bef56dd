package io.telemetry.device;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where device actors keep their last counter readings so that a device moving to another node
 * continues its rates there (see docs/cluster.md, "Rate continuity").
 */
public interface RateStore {

  /** Records the device's readings after a poll; fire and forget. */
  void publish(String targetId, DeviceRates rates);

  /** The last readings published for the device, if any; never fails (empty instead). */
  CompletionStage<Optional<DeviceRates>> restore(String targetId);

  /** Forgets a removed target's readings. */
  void forget(String targetId);

  /** Keeps nothing: a single node, or tests. */
  static RateStore none() {
    return new RateStore() {
      @Override
      public void publish(String targetId, DeviceRates rates) {}

      @Override
      public CompletionStage<Optional<DeviceRates>> restore(String targetId) {
        return CompletableFuture.completedFuture(Optional.empty());
      }

      @Override
      public void forget(String targetId) {}
    };
  }
}
