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
 * <p>Targets not in the table fall back to a hash of the id. With a run-time inventory the placement
 * is kept stable across changes ({@link #place}).
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
    return place(Map.of(), weights, numberOfShards);
  }

  /**
   * A stable placement: targets of {@code previous} (target id to shard id) that are still in
   * {@code weights} keep their shard, so adding or removing a target moves no other; removed ones
   * free theirs; new ones, heaviest first (then by id), go into the lightest shard so far (ties: the
   * lowest shard number). With no previous placement this is {@link #pack}.
   */
  public static WeightedShards place(Map<String, String> previous, Map<String, Integer> weights, int numberOfShards) {
    if (numberOfShards < 1) {
      throw new IllegalArgumentException("number of shards must be at least 1, was " + numberOfShards);
    }
    long[] load = new long[numberOfShards];
    Map<String, String> shardOf = new HashMap<>();
    Map<String, Integer> shardWeight = new HashMap<>();
    List<Map.Entry<String, Integer>> fresh = new ArrayList<>();
    for (Map.Entry<String, Integer> target : weights.entrySet()) {
      String kept = previous.get(target.getKey());
      int number = kept == null ? -1 : shardNumber(kept, numberOfShards);
      if (number < 0) {
        fresh.add(target);
      } else {
        shardOf.put(target.getKey(), kept);
        shardWeight.merge(kept, target.getValue(), Integer::sum);
        load[number] += target.getValue();
      }
    }
    fresh.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    // Each element: {load, shard number}; the lightest shard first, the lowest number among equals.
    PriorityQueue<long[]> shards = new PriorityQueue<>(
        Comparator.<long[]>comparingLong(s -> s[0]).thenComparingLong(s -> s[1]));
    for (int i = 0; i < numberOfShards; i++) {
      shards.add(new long[] {load[i], i});
    }
    for (Map.Entry<String, Integer> target : fresh) {
      long[] lightest = shards.poll();
      String shard = Long.toString(lightest[1]);
      shardOf.put(target.getKey(), shard);
      shardWeight.merge(shard, target.getValue(), Integer::sum);
      lightest[0] += target.getValue();
      shards.add(lightest);
    }
    return new WeightedShards(numberOfShards, shardOf, shardWeight);
  }

  /** The shard number of a shard id, or -1 when it is not one of {@code 0..numberOfShards-1}. */
  private static int shardNumber(String shard, int numberOfShards) {
    try {
      int n = Integer.parseInt(shard);
      return n >= 0 && n < numberOfShards ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Target id to shard id, for every target placed. */
  public Map<String, String> assignment() {
    return shardOf;
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
