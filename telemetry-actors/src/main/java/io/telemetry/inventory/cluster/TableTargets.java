package io.telemetry.inventory.cluster;

import io.telemetry.cluster.WeightedShards;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds this node's targets from a {@link TargetTable}: a config entry is the node's own
 * {@code telemetry.targets} entry of that id, any other is its resource through the node's policies
 * (so credentials come from the node's own config and never travel). Nodes with the same config
 * build the same targets; an entry this node cannot build is skipped and reported.
 */
final class TableTargets {

  private final Map<String, Target> configTargets;
  private final TargetPolicy policy;
  private final int numberOfShards;

  TableTargets(List<Target> configTargets, TargetPolicy policy, int numberOfShards) {
    Map<String, Target> byId = new HashMap<>();
    configTargets.forEach(t -> byId.put(t.id(), t));
    this.configTargets = Map.copyOf(byId);
    this.policy = policy;
    this.numberOfShards = numberOfShards;
  }

  LiveTargets.Snapshot build(TargetTable table, Consumer<String> problem) {
    Map<String, Target> byId = new LinkedHashMap<>();
    for (TargetTable.Entry entry : table.entries()) {
      built(entry, problem).ifPresent(t -> byId.put(t.id(), t));
    }
    WeightedShards shards = WeightedShards.place(table.shards(), weights(table), numberOfShards);
    return new LiveTargets.Snapshot(table, Map.copyOf(byId), List.copyOf(new ArrayList<>(byId.values())), shards);
  }

  private Optional<Target> built(TargetTable.Entry entry, Consumer<String> problem) {
    if (entry.origin().equals(TargetTable.CONFIG)) {
      Target target = configTargets.get(entry.id());
      if (target == null) {
        problem.accept("target \"" + entry.id() + "\" is in the cluster's table as a telemetry.targets entry, but this"
            + " node's telemetry.targets has no such id (the nodes' configs differ)");
      }
      return Optional.ofNullable(target);
    }
    try {
      Optional<Target> target = policy.apply(entry.resource());
      if (target.isEmpty()) {
        problem.accept("target \"" + entry.id() + "\" is in the cluster's table, but no policy of this node's"
            + " telemetry.inventory.policies selects it (the nodes' configs differ)");
      }
      return target;
    } catch (IllegalArgumentException e) {
      problem.accept(e.getMessage());
      return Optional.empty();
    }
  }

  private static Map<String, Integer> weights(TargetTable table) {
    Map<String, Integer> weights = new HashMap<>();
    table.entries().forEach(e -> weights.put(e.id(), e.weight()));
    return weights;
  }
}
