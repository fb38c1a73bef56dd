package io.telemetry.collect;

import io.telemetry.inventory.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

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

  public Collector create(Target target, CollectorSpec spec) {
    return factory(target, spec).create(target, spec);
  }

  /** Whether any of the target's collectors logs in over SSH. */
  public boolean usesSsh(Target target) {
    return target.collectors().stream().anyMatch(spec -> factory(target, spec).usesSsh());
  }

  /** Checks every collector block of a target (types known, own settings valid). */
  public void validate(Target target) {
    target.collectors().forEach(spec -> factory(target, spec).validate(target, spec));
  }

  /**
   * The measurement families this node's collectors may write: every family of every registered
   * type (targets of any type can be added at run time), plus those the given targets' blocks
   * name themselves (cli regex commands).
   */
  public SortedSet<String> families(List<Target> targets) {
    SortedSet<String> families = new TreeSet<>();
    byType.values().forEach(factory -> families.addAll(factory.families()));
    for (Target target : targets) {
      target.collectors().forEach(spec -> families.addAll(factory(target, spec).families(spec)));
    }
    return families;
  }

  public boolean knows(String type) {
    return byType.containsKey(type);
  }

  private CollectorFactory factory(Target target, CollectorSpec spec) {
    CollectorFactory factory = byType.get(spec.type());
    if (factory == null) {
      throw new IllegalArgumentException("device " + target.id() + ": unknown collector \""
          + spec.type() + "\" at " + spec.path() + "; known: " + byType.keySet());
    }
    return factory;
  }
}
