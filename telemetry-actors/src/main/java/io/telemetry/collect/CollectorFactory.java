package io.telemetry.collect;

import io.telemetry.inventory.Target;

/** Creates a collector for a target; one factory per collector type (e.g. {@code junos-netconf}). */
public interface CollectorFactory {

  /** The name targets use in HOCON ({@code collector = "junos-netconf"}). */
  String type();

  Collector create(Target target);
}
