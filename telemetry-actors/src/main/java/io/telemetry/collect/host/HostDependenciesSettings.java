package io.telemetry.collect.host;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.source.InventorySource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code host-dependencies} collector's own settings (the rest of its HOCON block). Errors name
 * the setting's path, e.g. {@code telemetry.targets[0].collectors[1].inventory-refresh}.
 *
 * @param inventory        where peer addresses are named; empty: peers stay addresses
 * @param inventoryRefresh how often the inventory is reloaded
 * @param proc             the proc file system to read ({@code /proc}; a host's {@code /proc}
 *                         mounted elsewhere when the node runs in a container)
 * @param includeLoopback  whether connections with a loopback peer are reported
 */
public record HostDependenciesSettings(Optional<InventorySource> inventory, Duration inventoryRefresh, Path proc,
    boolean includeLoopback) {

  public static final Duration DEFAULT_INVENTORY_REFRESH = Duration.ofMinutes(5);
  public static final Path DEFAULT_PROC = Path.of("/proc");

  private static final Set<String> KNOWN_KEYS = Set.of("inventory", "inventory-refresh", "proc", "include-loopback");

  public static HostDependenciesSettings from(CollectorSpec spec) {
    Config settings = spec.settings();
    for (String key : settings.root().keySet()) {
      if (!KNOWN_KEYS.contains(key)) {
        throw new ConfigException.BadPath(settings.origin(), spec.path() + "." + key,
            "unknown setting of the host-dependencies collector; expected one of " + new TreeSet<>(KNOWN_KEYS));
      }
    }
    Optional<InventorySource> inventory = string(spec, "inventory").map(location -> {
      try {
        return InventorySource.of(location);
      } catch (IllegalArgumentException e) {
        throw new ConfigException.BadValue(settings.origin(), spec.path() + ".inventory", e.getMessage());
      }
    });
    Duration refresh = DEFAULT_INVENTORY_REFRESH;
    if (settings.hasPath("inventory-refresh")) {
      try {
        refresh = settings.getDuration("inventory-refresh");
      } catch (ConfigException e) {
        throw new ConfigException.BadValue(settings.origin(), spec.path() + ".inventory-refresh",
            "not a duration (e.g. 5m): " + e.getMessage());
      }
      if (refresh.isZero() || refresh.isNegative()) {
        throw new ConfigException.BadValue(settings.origin(), spec.path() + ".inventory-refresh",
            "must be positive, was " + refresh);
      }
    }
    Path proc = string(spec, "proc").map(Path::of).orElse(DEFAULT_PROC);
    if (!proc.isAbsolute()) {
      throw new ConfigException.BadValue(settings.origin(), spec.path() + ".proc", "must be an absolute path, was " + proc);
    }
    boolean includeLoopback = true;
    if (settings.hasPath("include-loopback")) {
      try {
        includeLoopback = settings.getBoolean("include-loopback");
      } catch (ConfigException e) {
        throw new ConfigException.BadValue(settings.origin(), spec.path() + ".include-loopback",
            "must be true or false: " + e.getMessage());
      }
    }
    return new HostDependenciesSettings(inventory, refresh, proc, includeLoopback);
  }

  private static Optional<String> string(CollectorSpec spec, String key) {
    Config settings = spec.settings();
    if (!settings.hasPath(key)) {
      return Optional.empty();
    }
    ConfigValueType type = settings.getValue(key).valueType();
    if (type != ConfigValueType.STRING) {
      throw new ConfigException.WrongType(settings.origin(), spec.path() + "." + key, "string",
          type.name().toLowerCase());
    }
    String value = settings.getString(key).strip();
    if (value.isEmpty()) {
      throw new ConfigException.BadValue(settings.origin(), spec.path() + "." + key, "must not be empty");
    }
    return Optional.of(value);
  }
}
