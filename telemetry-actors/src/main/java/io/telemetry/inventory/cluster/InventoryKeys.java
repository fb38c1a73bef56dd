package io.telemetry.inventory.cluster;

import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.LWWRegisterKey;

/** The Distributed Data keys of the run-time inventory. */
public final class InventoryKeys {

  /** The published {@link TargetTable}; written only by the coordinator. */
  public static final Key<LWWRegister<TargetTable>> TABLE = LWWRegisterKey.create("telemetry-target-table");

  /** Run-time additions and removals by target id; written by any node's management route. */
  public static final Key<LWWMap<String, OverlayEntry>> OVERLAY = LWWMapKey.create("telemetry-target-overlay");

  private InventoryKeys() {}
}
