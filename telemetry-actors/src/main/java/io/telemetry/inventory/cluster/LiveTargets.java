package io.telemetry.inventory.cluster;

import io.telemetry.cluster.WeightedShards;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetLookup;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * This node's view of the latest {@link TargetTable}: the targets built from it and their shards.
 * Read by the device entities, the fleet keeper and the sharding message extractor; replaced whole,
 * by the node's {@link TargetTableListener} only, so readers never see half an update. Empty until
 * the first table reaches the node: nothing polls on a guess of the placement.
 */
public final class LiveTargets implements TargetLookup, Supplier<WeightedShards> {

  /** One table as this node built it. */
  record Snapshot(TargetTable table, Map<String, Target> byId, List<Target> ordered, WeightedShards shards) {}

  // Written by the listener actor, read by any thread: an immutable value behind a volatile.
  private volatile Snapshot current;

  public LiveTargets(int numberOfShards) {
    current = new Snapshot(TargetTable.EMPTY, Map.of(), List.of(), WeightedShards.pack(Map.of(), numberOfShards));
  }

  @Override
  public Optional<Target> find(String id) {
    return Optional.ofNullable(current.byId().get(id));
  }

  @Override
  public Collection<Target> all() {
    return current.ordered();
  }

  /** The placement of the latest table. */
  @Override
  public WeightedShards get() {
    return current.shards();
  }

  /** The latest table that reached this node ({@link TargetTable#EMPTY} before the first). */
  public TargetTable table() {
    return current.table();
  }

  Snapshot snapshot() {
    return current;
  }

  void replace(Snapshot next) {
    current = next;
  }
}
