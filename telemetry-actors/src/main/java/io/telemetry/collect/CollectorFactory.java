package io.telemetry.collect;

import io.telemetry.inventory.Target;

/** Creates collectors of one type (e.g. {@code junos-netconf}) for targets. */
public interface CollectorFactory {

  /** The name targets use in HOCON ({@code collector = "junos-netconf"}). */
  String type();

  /**
   * Checks a collector block's own settings at config load, so that mistakes are reported with
   * their path before anything starts. Throws {@link com.typesafe.config.ConfigException}.
   */
  default void validate(Target target, CollectorSpec spec) {}

  /** Whether this collector logs in over the device's SSH session (then the target needs credentials). */
  default boolean usesSsh() {
    return false;
  }

  Collector create(Target target, CollectorSpec spec);
}
