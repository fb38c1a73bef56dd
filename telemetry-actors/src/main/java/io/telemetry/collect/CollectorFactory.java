package io.telemetry.collect;

import io.telemetry.inventory.Target;
import java.util.Set;

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

  /**
   * Every measurement family collectors of this type may write, whatever their block says (the
   * node creates a Kafka topic for each at start, before any target of the type exists).
   */
  default Set<String> families() {
    return Set.of();
  }

  /** The families one collector block may write: {@link #families()} plus any the block names itself. */
  default Set<String> families(CollectorSpec spec) {
    return families();
  }

  Collector create(Target target, CollectorSpec spec);
}
