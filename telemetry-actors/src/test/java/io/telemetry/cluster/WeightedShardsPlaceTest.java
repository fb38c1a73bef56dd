package io.telemetry.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stable placement: a change of the target list moves no target that stays. */
class WeightedShardsPlaceTest {

  @Test
  void addingAndRemovingTargetsMovesNoOther() {
    Map<String, Integer> weights = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      weights.put("t" + i, 1 + i % 3);
    }
    WeightedShards before = WeightedShards.place(Map.of(), weights, 8);
    weights.remove("t3");
    weights.remove("t17");
    weights.put("new-a", 5);
    weights.put("new-b", 1);
    WeightedShards after = WeightedShards.place(before.assignment(), weights, 8);
    for (String id : weights.keySet()) {
      if (!id.startsWith("new-")) {
        assertEquals(before.shardId(id), after.shardId(id), id + " keeps its shard");
      }
    }
    assertFalse(after.assignment().containsKey("t3"), "a removed target frees its shard");
  }

  @Test
  void aNewTargetGoesToTheLightestShard() {
    // Shard 0 carries 5, shard 1 carries 1: the newcomer joins shard 1 whatever a fresh pack would do.
    WeightedShards after = WeightedShards.place(Map.of("heavy", "0", "light", "1"),
        Map.of("heavy", 5, "light", 1, "new", 1), 2);
    assertEquals("1", after.shardId("new"));
    assertEquals(2, after.weight("1"));
  }

  @Test
  void withoutAPreviousPlacementItIsThePack() {
    Map<String, Integer> weights = Map.of("a", 3, "b", 1, "c", 2, "d", 1);
    assertEquals(WeightedShards.pack(weights, 3).assignment(), WeightedShards.place(Map.of(), weights, 3).assignment());
  }
}
