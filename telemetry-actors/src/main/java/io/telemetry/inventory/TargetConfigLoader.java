package io.telemetry.inventory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code telemetry.targets} from HOCON. Every problem names its path in the file, e.g.
 * {@code telemetry.targets[3].password}, and where it came from (file and line).
 */
public final class TargetConfigLoader {

  private static final Set<String> KNOWN_KEYS = Set.of(
      "id", "host", "port", "username", "password", "private-key", "collector", "interval",
      "timeout", "labels");

  private TargetConfigLoader() {}

  /** Loads and validates the targets of a resolved {@code telemetry} config block. */
  public static List<Target> load(Config telemetry, Set<String> collectorTypes) {
    Config defaults = telemetry.getConfig("defaults");
    List<? extends Config> entries;
    try {
      entries = telemetry.getConfigList("targets");
    } catch (ConfigException e) {
      throw new ConfigException.BadValue("telemetry.targets", "must be a list of target objects: " + e.getMessage());
    }
    List<Target> targets = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String path = "telemetry.targets[" + i + "]";
      Target target = parse(entries.get(i), defaults, path, collectorTypes);
      if (!ids.add(target.id())) {
        throw new ConfigException.BadValue(entries.get(i).origin(), path + ".id",
            "duplicate target id \"" + target.id() + "\"");
      }
      targets.add(target);
    }
    return targets;
  }

  static Target parse(Config entry, Config defaults, String path, Set<String> collectorTypes) {
    for (String key : entry.root().keySet()) {
      if (!KNOWN_KEYS.contains(key)) {
        throw new ConfigException.BadPath(entry.origin(), path + "." + key,
            "unknown key; expected one of " + KNOWN_KEYS);
      }
    }
    String id = requiredString(entry, "id", path);
    String host = requiredString(entry, "host", path);
    String username = requiredString(entry, "username", path);
    int port = entry.hasPath("port") ? entry.getInt("port") : defaults.getInt("port");
    if (port < 1 || port > 65535) {
      throw new ConfigException.BadValue(entry.origin(), path + ".port", "port " + port + " is outside 1..65535");
    }
    Optional<String> password = optionalString(entry, "password", path);
    Optional<Path> key = optionalString(entry, "private-key", path).map(Path::of);
    if (password.isEmpty() && key.isEmpty()) {
      throw new ConfigException.BadValue(entry.origin(), path + ".password",
          "target \"" + id + "\" has no credentials: set password (e.g. password = ${?ENV_VAR}) or private-key");
    }
    if (key.isPresent() && !Files.isReadable(key.get())) {
      throw new ConfigException.BadValue(entry.origin(), path + ".private-key",
          "target \"" + id + "\": private key file " + key.get() + " is not readable");
    }
    String collector = entry.hasPath("collector") ? entry.getString("collector") : defaults.getString("collector");
    if (!collectorTypes.isEmpty() && !collectorTypes.contains(collector)) {
      throw new ConfigException.BadValue(entry.origin(), path + ".collector",
          "target \"" + id + "\": unknown collector \"" + collector + "\"; known: " + collectorTypes);
    }
    Duration interval = duration(entry, defaults, "interval", path);
    Duration timeout = duration(entry, defaults, "timeout", path);
    Map<String, String> labels = new LinkedHashMap<>();
    if (entry.hasPath("labels")) {
      entry.getConfig("labels").entrySet().forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
    }
    return new Target(id, host, port, new Credentials(username, password, key), collector, interval, timeout, labels);
  }

  private static Duration duration(Config entry, Config defaults, String key, String path) {
    Duration d;
    try {
      d = entry.hasPath(key) ? entry.getDuration(key) : defaults.getDuration(key);
    } catch (ConfigException.BadValue e) {
      throw new ConfigException.BadValue(entry.origin(), path + "." + key, "not a duration (e.g. 30s): " + e.getMessage());
    }
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException.BadValue(entry.origin(), path + "." + key, "must be positive, was " + d);
    }
    return d;
  }

  private static String requiredString(Config entry, String key, String path) {
    return optionalString(entry, key, path).orElseThrow(() ->
        new ConfigException.Missing(entry.origin(), path + "." + key));
  }

  private static Optional<String> optionalString(Config entry, String key, String path) {
    if (!entry.hasPath(key)) {
      return Optional.empty();
    }
    ConfigValueType type = entry.getValue(key).valueType();
    if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST) {
      throw new ConfigException.WrongType(entry.origin(), path + "." + key, "string", type.name().toLowerCase());
    }
    String value = entry.getString(key);
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
