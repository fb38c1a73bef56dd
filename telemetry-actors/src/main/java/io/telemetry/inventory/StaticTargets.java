package io.telemetry.inventory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable target list, e.g. the HOCON {@code telemetry.targets} array. */
public final class StaticTargets implements TargetLookup {

  private final Map<String, Target> byId;

  public StaticTargets(List<Target> targets) {
    Map<String, Target> map = new LinkedHashMap<>();
    for (Target t : targets) {
      if (map.put(t.id(), t) != null) {
        throw new IllegalArgumentException("duplicate target id " + t.id());
      }
    }
    this.byId = Map.copyOf(map);
    this.ordered = List.copyOf(map.values());
  }

  private final List<Target> ordered;

  @Override
  public Optional<Target> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Collection<Target> all() {
    return ordered;
  }
}
