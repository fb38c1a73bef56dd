package io.telemetry.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional {@code weight} of each entry of {@code telemetry.targets} (default 1): how much
 * polling work a target is compared with others (e.g. 4 for a router with four times the
 * interfaces), so that nodes get near-equal work rather than near-equal device counts.
 */
public final class TargetWeights {

  public static final int DEFAULT_WEIGHT = 1;

  private TargetWeights() {}

  /** Target id to weight, from a resolved {@code telemetry} block whose targets already loaded. */
  public static Map<String, Integer> load(Config telemetry) {
    List<? extends Config> entries = telemetry.getConfigList("targets");
    Map<String, Integer> weights = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Config entry = entries.get(i);
      String id = entry.getString("id");
      int weight = DEFAULT_WEIGHT;
      if (entry.hasPath("weight")) {
        String path = "telemetry.targets[" + i + "].weight";
        try {
          weight = entry.getInt("weight");
        } catch (ConfigException.WrongType e) {
          throw new ConfigException.BadValue(entry.origin(), path, "target \"" + id + "\": weight must be a whole number");
        }
        if (weight < 1 || weight > 1_000_000) {
          throw new ConfigException.BadValue(entry.origin(), path,
              "target \"" + id + "\": weight must be 1..1000000, was " + weight);
        }
      }
      weights.put(id, weight);
    }
    return weights;
  }
}
