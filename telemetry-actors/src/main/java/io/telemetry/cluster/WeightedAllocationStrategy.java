package io.telemetry.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Places device shards so that every collector carries near-equal weight ({@link WeightedShards}):
 * a new shard goes to the lightest region of an Up member, and a rebalance round moves shards from
 * the heaviest to the lightest region while that narrows the gap, so a joining node takes its share.
 *
 * <p>Like Pekko's least-shard strategy, it does not rebalance while any member is joining, leaving
 * or unreachable (a rolling change would move shards twice), and moves at most
 * {@code rebalance-absolute-limit} shards (if set, else {@code rebalance-relative-limit} of all
 * shards, at least one) per round.
 */
public final class WeightedAllocationStrategy extends ShardCoordinator.AbstractShardAllocationStrategy
    implements ShardCoordinator.ActorSystemDependentAllocationStrategy {

  /** The latest placement: with a run-time inventory it changes as targets come and go. */
  private final Supplier<WeightedShards> shards;
  private final int absoluteLimit;
  private final double relativeLimit;
  private volatile Cluster cluster;

  public WeightedAllocationStrategy(WeightedShards shards, int absoluteLimit, double relativeLimit) {
    this(() -> shards, absoluteLimit, relativeLimit);
  }

  public WeightedAllocationStrategy(Supplier<WeightedShards> shards, int absoluteLimit, double relativeLimit) {
    this.shards = shards;
    this.absoluteLimit = absoluteLimit;
    this.relativeLimit = relativeLimit;
  }

  @Override
  public void start(ActorSystem system) {
    cluster = Cluster.get(system);
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
      Map<ActorRef, IndexedSeq<String>> current) {
    List<Region> regions = regions(current);
    List<Region> up = regions.stream().filter(r -> r.up).toList();
    List<Region> candidates = up.isEmpty() ? regions : up;
    if (candidates.isEmpty()) {
      return Futures.successful(requester);
    }
    return Futures.successful(candidates.stream().min(LIGHTEST).orElseThrow().ref);
  }

  @Override
  public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current, Set<String> inProgress) {
    List<Region> regions = regions(current);
    if (!inProgress.isEmpty() || regions.size() < 2 || !quiet(regions)) {
      return Futures.successful(Set.of());
    }
    int total = regions.stream().mapToInt(r -> r.shards.size()).sum();
    int limit = absoluteLimit > 0 ? absoluteLimit : Math.max(1, (int) Math.floor(relativeLimit * total));
    WeightedShards placement = shards.get();
    Set<String> moving = new HashSet<>();
    while (moving.size() < limit) {
      Region heaviest = regions.stream().max(LIGHTEST).orElseThrow();
      Region lightest = regions.stream().min(LIGHTEST).orElseThrow();
      long gap = heaviest.load - lightest.load;
      // The heaviest shard that still narrows the gap; moving one of weight >= gap would only swap the roles.
      String pick = null;
      int pickWeight = 0;
      for (String shard : heaviest.shards) {
        int w = placement.weight(shard);
        if (w < gap && w > pickWeight && !moving.contains(shard)) {
          pick = shard;
          pickWeight = w;
        }
      }
      if (pick == null) {
        break;
      }
      moving.add(pick);
      heaviest.shards.remove(pick);
      heaviest.load -= pickWeight;
      lightest.shards.add(pick);
      lightest.load += pickWeight;
    }
    return Futures.successful(moving);
  }

  private static final Comparator<Region> LIGHTEST = Comparator.<Region>comparingLong(r -> r.load)
      .thenComparingInt(r -> r.shards.size())
      .thenComparing(r -> r.address.toString());

  /** Rebalancing waits while membership changes: every region's member Up and nothing unreachable. */
  private boolean quiet(List<Region> regions) {
    Cluster c = cluster;
    if (c != null && !c.state().getUnreachable().isEmpty()) {
      return false;
    }
    return regions.stream().allMatch(r -> r.up);
  }

  private List<Region> regions(Map<ActorRef, IndexedSeq<String>> current) {
    Cluster c = cluster;
    Map<Address, Member> members = new HashMap<>();
    if (c != null) {
      CurrentClusterState state = c.state();
      state.getMembers().forEach(m -> members.put(m.address(), m));
    }
    WeightedShards placement = shards.get();
    List<Region> regions = new ArrayList<>();
    current.forEach((ref, shardIds) -> {
      Address address = ref.path().address();
      if (!address.hasGlobalScope() && c != null) {
        address = c.selfAddress();
      }
      Member member = members.get(address);
      boolean up = c == null
          || member != null && (member.status() == MemberStatus.up() || member.status() == MemberStatus.weaklyUp());
      List<String> list = new ArrayList<>(CollectionConverters.asJava(shardIds));
      long load = list.stream().mapToLong(placement::weight).sum();
      regions.add(new Region(ref, address, up, list, load));
    });
    return regions;
  }

  /** One shard region as this round sees it; shards and load change as moves are planned. */
  private static final class Region {
    final ActorRef ref;
    final Address address;
    final boolean up;
    final List<String> shards;
    long load;

    Region(ActorRef ref, Address address, boolean up, List<String> shards, long load) {
      this.ref = ref;
      this.address = address;
      this.up = up;
      this.shards = shards;
      this.load = load;
    }
  }
}
