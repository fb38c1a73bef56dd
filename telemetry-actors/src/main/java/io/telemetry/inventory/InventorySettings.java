package io.telemetry.inventory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.Optional;

/**
 * The node-level settings of {@code telemetry.inventory} (sources, policies, credentials and
 * discovery have their own loaders).
 *
 * @param refreshInterval how often the coordinator reloads the sources
 * @param writeTimeout    how long the coordinator waits for a majority to confirm a new table
 * @param hostgroups      CIDR to hostgroup map ({@code file:/path}, a path, or an http(s) URL), if any
 * @param asnNames        ASN to name map, if any
 * @param mapsRefresh     how often the maps are reloaded
 */
public record InventorySettings(Duration refreshInterval, Duration writeTimeout, Optional<String> hostgroups,
    Optional<String> asnNames, Duration mapsRefresh, Duration mapsTimeout) {

  /** @param telemetry the resolved {@code telemetry} block */
  public static InventorySettings fromConfig(Config telemetry) {
    Config inventory = telemetry.getConfig("inventory");
    Duration refresh = positive(inventory, "refresh-interval");
    Config maps = inventory.getConfig("maps");
    return new InventorySettings(refresh, positive(inventory, "write-timeout"), location(maps, "hostgroups"),
        location(maps, "asn-names"), positive(maps, "refresh"), positive(maps, "timeout"));
  }

  private static Optional<String> location(Config maps, String key) {
    String value = maps.getString(key).strip();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    // A plain path is a file.
    return Optional.of(value.contains("://") || value.startsWith("file:") ? value
        : java.nio.file.Path.of(value).toAbsolutePath().toUri().toString());
  }

  private static Duration positive(Config block, String key) {
    Duration d = block.getDuration(key);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException.BadValue(block.origin(), "telemetry.inventory." + key, "must be positive, was " + d);
    }
    return d;
  }
}
