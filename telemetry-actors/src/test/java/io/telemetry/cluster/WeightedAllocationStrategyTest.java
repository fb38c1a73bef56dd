package io.telemetry.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Await;
import scala.jdk.javaapi.CollectionConverters;

/** Without a cluster every region counts as Up: this tests the arithmetic of placing and moving. */
class WeightedAllocationStrategyTest {

  static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("weighted-allocation");
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static ActorRef region() {
    return system.actorOf(Props.empty());
  }

  private static IndexedSeq<String> seq(List<String> shards) {
    return CollectionConverters.asScala(shards).toIndexedSeq();
  }

  private static <T> T result(scala.concurrent.Future<T> future) throws Exception {
    return Await.result(future, scala.concurrent.duration.Duration.fromNanos(Duration.ofSeconds(3).toNanos()));
  }

  @Test
  void aNewShardGoesToTheLightestRegionByWeight() throws Exception {
    Map<String, Integer> weights = Map.of("heavy", 10, "a", 1, "b", 1, "c", 1);
    WeightedShards shards = WeightedShards.pack(weights, 4);
    WeightedAllocationStrategy strategy = new WeightedAllocationStrategy(shards, 0, 0.5);
    ActorRef withHeavy = region();
    ActorRef withTwo = region();
    Map<ActorRef, IndexedSeq<String>> current = new LinkedHashMap<>();
    current.put(withHeavy, seq(List.of(shards.shardId("heavy"))));
    current.put(withTwo, seq(List.of(shards.shardId("a"), shards.shardId("b"))));
    // By count the first region is lighter; by weight (10 against 2) the second.
    assertEquals(withTwo, result(strategy.allocateShard(withHeavy, shards.shardId("c"), current)));
  }

  @Test
  void aJoiningRegionTakesItsShareInRoundsAndThenNothingMoves() throws Exception {
    Map<String, Integer> weights = new HashMap<>();
    for (int i = 0; i < 90; i++) {
      weights.put("d" + i, 1);
    }
    WeightedShards shards = WeightedShards.pack(weights, 90);
    WeightedAllocationStrategy strategy = new WeightedAllocationStrategy(shards, 0, 0.1);
    Map<ActorRef, List<String>> placed = new LinkedHashMap<>();
    ActorRef a = region();
    ActorRef b = region();
    ActorRef joined = region();
    placed.put(a, new ArrayList<>());
    placed.put(b, new ArrayList<>());
    placed.put(joined, new ArrayList<>());
    for (int i = 0; i < 90; i++) {
      placed.get(i % 2 == 0 ? a : b).add(Integer.toString(i)); // 45 / 45 / 0
    }
    int rounds = 0;
    while (true) {
      Map<ActorRef, IndexedSeq<String>> current = new LinkedHashMap<>();
      placed.forEach((r, list) -> current.put(r, seq(list)));
      Set<String> moving = result(strategy.rebalance(current, Set.of()));
      if (moving.isEmpty()) {
        break;
      }
      assertTrue(moving.size() <= 9, "at most 10% of the shards per round, moved " + moving.size());
      for (String shard : moving) {
        placed.values().forEach(list -> list.remove(shard));
        Map<ActorRef, IndexedSeq<String>> now = new LinkedHashMap<>();
        placed.forEach((r, list) -> now.put(r, seq(list)));
        placed.get(result(strategy.allocateShard(a, shard, now))).add(shard);
      }
      rounds++;
      assertTrue(rounds < 20, "rebalancing does not settle: " + placed);
    }
    placed.forEach((r, list) -> assertEquals(30, list.size(), "shards of a region: " + placed.values()));
  }

  @Test
  void noRebalanceWhileOneIsInProgress() throws Exception {
    WeightedShards shards = WeightedShards.pack(Map.of("a", 1, "b", 1, "c", 1, "d", 1), 4);
    WeightedAllocationStrategy strategy = new WeightedAllocationStrategy(shards, 0, 1.0);
    Map<ActorRef, IndexedSeq<String>> current = new LinkedHashMap<>();
    current.put(region(), seq(List.of("0", "1", "2", "3")));
    current.put(region(), seq(List.of()));
    assertEquals(Set.of(), result(strategy.rebalance(current, Set.of("9"))));
    assertEquals(2, result(strategy.rebalance(current, Set.of())).size());
  }
}
