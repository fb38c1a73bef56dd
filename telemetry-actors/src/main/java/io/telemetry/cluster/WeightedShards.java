package io.telemetry.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Which shard each target lives in: the targets, sorted by weight (heaviest first, then by id), are
 * packed one by one into the lightest shard so far (ties: the lowest shard number). Every node
 * computes the same table from the same target list, and the shards carry near-equal weight, so
 * balancing shards over nodes balances devices by weight.
 *
 * <p>Targets not in the table (e.g. added at run time on one node) fall back to a hash of the id.
 */
public final class WeightedShards {

  private final int numberOfShards;
  private final Map<String, String> shardOf;
  private final Map<String, Integer> shardWeight;

  private WeightedShards(int numberOfShards, Map<String, String> shardOf, Map<String, Integer> shardWeight) {
    this.numberOfShards = numberOfShards;
    this.shardOf = Map.copyOf(shardOf);
    this.shardWeight = Map.copyOf(shardWeight);
  }

  /** @param weights target id to its weight (at least 1) */
  public static WeightedShards pack(Map<String, Integer> weights, int numberOfShards) {
    if (numberOfShards < 1) {
      throw new IllegalArgumentException("number of shards must be at least 1, was " + numberOfShards);
    }
    List<Map.Entry<String, Integer>> targets = new ArrayList<>(weights.entrySet());
    targets.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    // Each element: {load, shard number}; the lightest shard first, the lowest number among equals.
    PriorityQueue<long[]> shards = new PriorityQueue<>(
        Comparator.<long[]>comparingLong(s -> s[0]).thenComparingLong(s -> s[1]));
    for (int i = 0; i < numberOfShards; i++) {
      shards.add(new long[] {0, i});
    }
    Map<String, String> shardOf = new HashMap<>();
    Map<String, Integer> shardWeight = new HashMap<>();
    for (Map.Entry<String, Integer> target : targets) {
      long[] lightest = shards.poll();
      String shard = Long.toString(lightest[1]);
      shardOf.put(target.getKey(), shard);
      shardWeight.merge(shard, target.getValue(), Integer::sum);
      lightest[0] += target.getValue();
      shards.add(lightest);
    }
    return new WeightedShards(numberOfShards, shardOf, shardWeight);
  }

  public String shardId(String targetId) {
    String packed = shardOf.get(targetId);
    return packed != null ? packed : Integer.toString(Math.floorMod(targetId.hashCode(), numberOfShards));
  }

  /** The summed weight of a shard's targets; 1 for a shard the table does not know (hash-placed targets). */
  public int weight(String shardId) {
    return shardWeight.getOrDefault(shardId, 1);
  }

  public int numberOfShards() {
    return numberOfShards;
  }
}
