package io.telemetry.collect;

import io.telemetry.inventory.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The collector types this node can run, by the name targets use in HOCON. */
public final class CollectorRegistry {

  private final Map<String, CollectorFactory> byType;

  public CollectorRegistry(List<CollectorFactory> factories) {
    Map<String, CollectorFactory> map = new LinkedHashMap<>();
    factories.forEach(f -> map.put(f.type(), f));
    this.byType = Map.copyOf(map);
  }

  public Set<String> types() {
    return byType.keySet();
  }

  public Collector create(Target target) {
    CollectorFactory factory = byType.get(target.collector());
    if (factory == null) {
      throw new IllegalArgumentException("device " + target.id() + ": unknown collector \""
          + target.collector() + "\"; known: " + byType.keySet());
    }
    return factory.create(target);
  }
}
