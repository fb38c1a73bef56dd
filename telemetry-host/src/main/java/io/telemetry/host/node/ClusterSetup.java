package io.telemetry.host.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.telemetry.device.DeviceActor;
import io.telemetry.device.DeviceSharding;
import java.util.List;
import java.util.Set;

/**
 * The {@code telemetry.cluster} and {@code telemetry.management} blocks, checked, and the Pekko
 * settings that depend on the node's roles. Applied before the actor system starts.
 */
record ClusterSetup(List<String> roles, boolean bootstrap, boolean management) {

  static final String CORRELATOR_ROLE = "correlator";
  private static final Set<String> KNOWN_ROLES = Set.of(DeviceSharding.COLLECTOR_ROLE, CORRELATOR_ROLE);

  static ClusterSetup fromConfig(Config config) {
    Config cluster = config.getConfig("telemetry.cluster");
    List<String> roles = config.getStringList("pekko.cluster.roles");
    if (roles.isEmpty()) {
      throw new ConfigException.BadValue(cluster.origin(), "telemetry.cluster.roles",
          "a node needs at least one role of " + KNOWN_ROLES);
    }
    for (String role : roles) {
      if (!KNOWN_ROLES.contains(role)) {
        throw new ConfigException.BadValue(cluster.origin(), "telemetry.cluster.roles",
            "unknown role \"" + role + "\"; known: " + KNOWN_ROLES);
      }
    }
    boolean bootstrap = cluster.getBoolean("bootstrap");
    boolean management = config.getBoolean("telemetry.management.enabled");
    if (bootstrap && !config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      throw new ConfigException.BadValue(cluster.origin(), "telemetry.cluster.bootstrap",
          "set either pekko.cluster.seed-nodes or telemetry.cluster.bootstrap = on, not both");
    }
    if (bootstrap && !management) {
      throw new ConfigException.BadValue(cluster.origin(), "telemetry.cluster.bootstrap",
          "cluster bootstrap probes the other nodes over Pekko Management: telemetry.management.enabled must be on");
    }
    if (cluster.getInt("number-of-shards") < 1) {
      throw new ConfigException.BadValue(cluster.origin(), "telemetry.cluster.number-of-shards", "must be at least 1");
    }
    return new ClusterSetup(List.copyOf(roles), bootstrap, management);
  }

  boolean collector() {
    return roles.contains(DeviceSharding.COLLECTOR_ROLE);
  }

  boolean correlator() {
    return roles.contains(CORRELATOR_ROLE);
  }

  /** The config with the role-dependent Pekko settings on top. */
  Config apply(Config config) {
    // Only collectors host the device region; elsewhere readiness must not wait for one.
    List<String> checkedRegions = collector() ? List.of(DeviceActor.ENTITY_TYPE.name()) : List.of();
    Config derived = ConfigFactory.empty()
        .withValue("pekko.cluster.sharding.healthcheck.names", ConfigValueFactory.fromIterable(checkedRegions));
    if (config.getString("telemetry.management.hostname").isBlank()) {
      derived = derived.withValue("pekko.management.http.hostname",
          ConfigValueFactory.fromAnyRef(config.getString("pekko.remote.artery.canonical.hostname")));
    }
    return derived.withFallback(config);
  }
}
