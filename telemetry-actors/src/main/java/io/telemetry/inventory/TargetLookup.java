package io.telemetry.inventory;

import java.util.Collection;
import java.util.Optional;

/**
 * The node's view of which targets exist. A static HOCON list today; run-time inventories
 * implement the same interface.
 */
public interface TargetLookup {

  Optional<Target> find(String id);

  Collection<Target> all();
}
