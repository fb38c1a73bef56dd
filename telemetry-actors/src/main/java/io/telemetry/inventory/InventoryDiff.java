package io.telemetry.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two inventory refreshes: targets to start, to stop, and to restart with
 * new settings (credentials, collectors, intervals, labels...). Each list is ordered by id.
 */
public record InventoryDiff(List<Target> added, List<Target> removed, List<Change> changed) {

  /** A target present in both, with different settings. */
  public record Change(Target before, Target after) {}

  public InventoryDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  public static InventoryDiff between(Collection<Target> before, Collection<Target> after) {
    Map<String, Target> old = byId(before);
    Map<String, Target> now = byId(after);
    List<Target> added = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    for (Target target : now.values()) {
      Target previous = old.get(target.id());
      if (previous == null) {
        added.add(target);
      } else if (!previous.equals(target)) {
        changed.add(new Change(previous, target));
      }
    }
    List<Target> removed = old.values().stream().filter(t -> !now.containsKey(t.id())).toList();
    Comparator<Target> byId = Comparator.comparing(Target::id);
    added.sort(byId);
    changed.sort(Comparator.comparing(c -> c.after().id()));
    return new InventoryDiff(added, removed.stream().sorted(byId).toList(), changed);
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /** Counts for logs, e.g. {@code +3 -1 ~2}. */
  @Override
  public String toString() {
    return "InventoryDiff[+" + added.size() + " -" + removed.size() + " ~" + changed.size() + "]";
  }

  private static Map<String, Target> byId(Collection<Target> targets) {
    Map<String, Target> map = new LinkedHashMap<>();
    for (Target t : targets) {
      if (map.put(t.id(), t) != null) {
        throw new IllegalArgumentException("duplicate target id " + t.id());
      }
    }
    return map;
  }
}
