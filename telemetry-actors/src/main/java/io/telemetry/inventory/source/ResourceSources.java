package io.telemetry.inventory.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.telemetry.inventory.source.FetchedResourceSource.Format;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the inventory's sources from {@code telemetry.inventory.sources}:
 *
 * <pre>
 * sources = [
 *   { type = static, resources = [ { id = r1, host = "192.0.2.1", vendor = juniper, site = ams1 } ] }
 *   { type = file, path = "/etc/telemetry/routers.csv" }          # format = auto | json | csv
 *   { type = http, url = "https://cmdb.example.net/routers", timeout = 10s }  # format = json | csv
 * ]
 * </pre>
 *
 * Mistakes are refused at load naming the setting's path; a static list's entries are checked now.
 */
public final class ResourceSources {

  static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(10);

  private static final Map<String, Set<String>> KEYS = Map.of(
      "static", Set.of("type", "resources"),
      "file", Set.of("type", "path", "format"),
      "http", Set.of("type", "url", "format", "timeout"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResourceSources() {}

  /**
   * @param inventory the {@code telemetry.inventory} block
   * @param path      its path, for errors ({@code telemetry.inventory})
   */
  public static ResourceSource fromConfig(Config inventory, String path) {
    if (!inventory.hasPath("sources")) {
      return new CombinedResourceSource(List.of());
    }
    List<? extends Config> blocks;
    try {
      blocks = inventory.getConfigList("sources");
    } catch (ConfigException.WrongType e) {
      throw new ConfigException.WrongType(inventory.origin(), path + ".sources", "list of source objects", "something else");
    }
    List<ResourceSource> sources = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      sources.add(source(blocks.get(i), path + ".sources[" + i + "]"));
    }
    return new CombinedResourceSource(sources);
  }

  static ResourceSource source(Config block, String path) {
    if (!block.hasPath("type")) {
      throw new ConfigException.Missing(block.origin(), path + ".type");
    }
    String type = block.getString("type");
    Set<String> keys = KEYS.get(type);
    if (keys == null) {
      throw new ConfigException.BadValue(block.origin(), path + ".type",
          "unknown source type \"" + type + "\"; expected one of " + new TreeSet<>(KEYS.keySet()));
    }
    for (String key : block.root().keySet()) {
      if (!keys.contains(key)) {
        throw new ConfigException.BadPath(block.origin(), path + "." + key,
            "unknown key for a " + type + " source; expected one of " + new TreeSet<>(keys));
      }
    }
    return switch (type) {
      case "static" -> fixed(block, path);
      case "file" -> file(block, path);
      default -> http(block, path);
    };
  }

  private static ResourceSource fixed(Config block, String path) {
    List<? extends Config> entries = block.hasPath("resources") ? block.getConfigList("resources") : List.of();
    ResourceEntries resources = new ResourceEntries(path);
    for (int i = 0; i < entries.size(); i++) {
      Config entry = entries.get(i);
      String where = path + ".resources[" + i + "]";
      try {
        resources.add(where, JSON.valueToTree(entry.root().unwrapped()));
      } catch (InventoryException e) {
        throw new ConfigException.BadValue(entry.origin(), where, e.getMessage());
      }
    }
    return new FixedResourceSource(path, resources.resources());
  }

  private static ResourceSource file(Config block, String path) {
    if (!block.hasPath("path")) {
      throw new ConfigException.Missing(block.origin(), path + ".path");
    }
    String file = block.getString("path");
    if (!Path.of(file).isAbsolute()) {
      throw new ConfigException.BadValue(block.origin(), path + ".path", "must be an absolute path, was \"" + file + "\"");
    }
    String format = format(block, path, Set.of("auto", "json", "csv"), "auto");
    Format resolved = switch (format) {
      case "csv" -> Format.CSV;
      case "json" -> Format.JSON;
      default -> file.toLowerCase(Locale.ROOT).endsWith(".csv") ? Format.CSV : Format.JSON;
    };
    return new FetchedResourceSource(new FileInventorySource(Path.of(file)), resolved, DEFAULT_HTTP_TIMEOUT);
  }

  private static ResourceSource http(Config block, String path) {
    if (!block.hasPath("url")) {
      throw new ConfigException.Missing(block.origin(), path + ".url");
    }
    String url = block.getString("url");
    String scheme = URI.create(url.strip()).getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new ConfigException.BadValue(block.origin(), path + ".url", "must be an http:// or https:// URL");
    }
    InventorySource location;
    try {
      location = InventorySource.of(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(block.origin(), path + ".url", e.getMessage());
    }
    Duration timeout = block.hasPath("timeout") ? block.getDuration("timeout") : DEFAULT_HTTP_TIMEOUT;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new ConfigException.BadValue(block.origin(), path + ".timeout", "must be positive, was " + timeout);
    }
    Format format = format(block, path, Set.of("json", "csv"), "json").equals("csv") ? Format.CSV : Format.JSON;
    return new FetchedResourceSource(location, format, timeout);
  }

  private static String format(Config block, String path, Set<String> allowed, String fallback) {
    String format = block.hasPath("format") ? block.getString("format").toLowerCase(Locale.ROOT) : fallback;
    if (!allowed.contains(format)) {
      throw new ConfigException.BadValue(block.origin(), path + ".format",
          "\"" + format + "\" is not one of " + new TreeSet<>(allowed));
    }
    return format;
  }
}
