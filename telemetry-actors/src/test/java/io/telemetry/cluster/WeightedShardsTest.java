package io.telemetry.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedShardsTest {

  @Test
  void equalWeightsFillEveryShardEvenly() {
    Map<String, Integer> weights = new HashMap<>();
    for (int i = 1; i <= 90; i++) {
      weights.put(String.format("sim-%04d", i), 1);
    }
    WeightedShards shards = WeightedShards.pack(weights, 30);
    Map<String, Integer> perShard = new HashMap<>();
    weights.keySet().forEach(id -> perShard.merge(shards.shardId(id), 1, Integer::sum));
    assertEquals(30, perShard.size());
    perShard.forEach((shard, count) -> assertEquals(3, count, "shard " + shard));
    perShard.keySet().forEach(shard -> assertEquals(3, shards.weight(shard)));
  }

  @Test
  void heavyTargetsAreSpreadSoShardsCarryNearEqualWeight() {
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put("core-1", 8);
    weights.put("core-2", 8);
    for (int i = 1; i <= 16; i++) {
      weights.put("edge-" + i, 1);
    }
    WeightedShards shards = WeightedShards.pack(weights, 4); // total 32: 8 per shard is possible
    Map<String, Integer> load = new HashMap<>();
    weights.forEach((id, w) -> load.merge(shards.shardId(id), w, Integer::sum));
    assertEquals(Map.of("0", 8, "1", 8, "2", 8, "3", 8), load);
    assertTrue(!shards.shardId("core-1").equals(shards.shardId("core-2")));
  }

  @Test
  void theTableDependsOnlyOnTheTargetsNotOnTheirOrder() {
    Map<String, Integer> a = new LinkedHashMap<>();
    Map<String, Integer> b = new LinkedHashMap<>();
    for (int i = 1; i <= 50; i++) {
      a.put("t" + i, 1 + i % 3);
    }
    for (int i = 50; i >= 1; i--) {
      b.put("t" + i, 1 + i % 3);
    }
    WeightedShards x = WeightedShards.pack(a, 7);
    WeightedShards y = WeightedShards.pack(b, 7);
    a.keySet().forEach(id -> assertEquals(x.shardId(id), y.shardId(id), id));
  }

  @Test
  void unknownTargetsFallBackToAHashWithinRange() {
    WeightedShards shards = WeightedShards.pack(Map.of("a", 1), 10);
    int shard = Integer.parseInt(shards.shardId("added-later"));
    assertTrue(shard >= 0 && shard < 10);
    assertEquals(shards.shardId("added-later"), shards.shardId("added-later"));
  }
}
