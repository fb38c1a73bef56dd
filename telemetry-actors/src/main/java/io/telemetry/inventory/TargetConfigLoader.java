package io.telemetry.inventory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.CollectorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.TreeSet;
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
      "id", "host", "port", "username", "password", "private-key", "collector", "collectors", "interval",
      "timeout", "labels", "weight");

  private TargetConfigLoader() {}

  /** Loads and validates the targets of a resolved {@code telemetry} config block. */
  public static List<Target> load(Config telemetry, CollectorRegistry collectors) {
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
      Target target = parse(entries.get(i), defaults, path, collectors);
      if (!ids.add(target.id())) {
        throw new ConfigException.BadValue(entries.get(i).origin(), path + ".id",
            "duplicate target id \"" + target.id() + "\"");
      }
      targets.add(target);
    }
    return targets;
  }

  static Target parse(Config entry, Config defaults, String path, CollectorRegistry registry) {
    for (String key : entry.root().keySet()) {
      if (!KNOWN_KEYS.contains(key)) {
        throw new ConfigException.BadPath(entry.origin(), path + "." + key,
            "unknown key; expected one of " + new java.util.TreeSet<>(KNOWN_KEYS));
      }
    }
    String id = requiredString(entry, "id", path);
    String host = requiredString(entry, "host", path);
    int port = entry.hasPath("port") ? entry.getInt("port") : defaults.getInt("port");
    if (port < 1 || port > 65535) {
      throw new ConfigException.BadValue(entry.origin(), path + ".port", "port " + port + " is outside 1..65535");
    }
    List<CollectorSpec> collectors = collectors(entry, defaults, path, id, registry);
    Duration timeout = duration(entry, defaults, "timeout", path);
    Map<String, String> labels = new LinkedHashMap<>();
    if (entry.hasPath("labels")) {
      entry.getConfig("labels").entrySet().forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
    }
    Optional<String> username = optionalString(entry, "username", path);
    Optional<String> password = optionalString(entry, "password", path);
    Optional<Path> key = optionalString(entry, "private-key", path).map(Path::of);
    Target target = new Target(id, host, port, new Credentials(username.orElse(""), password, key), collectors,
        timeout, labels);
    if (registry.usesSsh(target)) {
      if (username.isEmpty()) {
        throw new ConfigException.Missing(entry.origin(), path + ".username");
      }
      if (password.isEmpty() && key.isEmpty()) {
        throw new ConfigException.BadValue(entry.origin(), path + ".password",
            "target \"" + id + "\" has no credentials: set password (e.g. password = ${?ENV_VAR}) or private-key");
      }
    }
    if (key.isPresent() && !Files.isReadable(key.get())) {
      throw new ConfigException.BadValue(entry.origin(), path + ".private-key",
          "target \"" + id + "\": private key file " + key.get() + " is not readable");
    }
    registry.validate(target);
    return target;
  }

  /**
   * Either {@code collectors = [ { type = ..., interval = ..., <settings> } ]} (an element may also
   * be just the type name, {@code "snmp"}) or the shorthand {@code collector}/{@code interval}.
   * Shared with {@link TargetPolicy}, whose policies name collectors the same way.
   *
   * @param id names the target (or policy) in errors
   */
  static List<CollectorSpec> collectors(Config entry, Config defaults, String path, String id,
      CollectorRegistry registry) {
    List<CollectorSpec> specs = new ArrayList<>();
    if (entry.hasPath("collectors")) {
      if (entry.hasPath("collector")) {
        throw new ConfigException.BadValue(entry.origin(), path + ".collector",
            "target \"" + id + "\": set either collector or collectors, not both");
      }
      List<Config> blocks = new ArrayList<>();
      try {
        ConfigList list = entry.getList("collectors");
        for (int i = 0; i < list.size(); i++) {
          ConfigValue element = list.get(i);
          if (element.valueType() == ConfigValueType.STRING) {
            blocks.add(ConfigFactory.empty(element.origin().description()).withValue("type", element));
          } else if (element instanceof ConfigObject object) {
            blocks.add(object.toConfig());
          } else {
            throw new ConfigException.WrongType(element.origin(), path + ".collectors[" + i + "]",
                "object or collector type name", element.valueType().name().toLowerCase());
          }
        }
      } catch (ConfigException.WrongType e) {
        if (e.getMessage().contains(path + ".collectors[")) {
          throw e;
        }
        throw new ConfigException.WrongType(entry.origin(), path + ".collectors", "list of objects", "something else");
      }
      for (int i = 0; i < blocks.size(); i++) {
        Config block = blocks.get(i);
        String blockPath = path + ".collectors[" + i + "]";
        String type = requiredString(block, "type", blockPath);
        checkType(block, blockPath + ".type", id, type, registry);
        Duration interval = block.hasPath("interval") ? duration(block, entry.withFallback(defaults), "interval", blockPath)
            : duration(entry, defaults, "interval", path);
        specs.add(new CollectorSpec(type, interval, block.withoutPath("type").withoutPath("interval"), blockPath));
      }
      if (specs.isEmpty()) {
        throw new ConfigException.BadValue(entry.origin(), path + ".collectors", "target \"" + id + "\" has no collector");
      }
    } else {
      String type = entry.hasPath("collector") ? entry.getString("collector") : defaults.getString("collector");
      checkType(entry, path + ".collector", id, type, registry);
      specs.add(new CollectorSpec(type, duration(entry, defaults, "interval", path), com.typesafe.config.ConfigFactory.empty(),
          path));
    }
    return specs;
  }

  private static void checkType(Config block, String path, String id, String type, CollectorRegistry registry) {
    if (!registry.knows(type)) {
      throw new ConfigException.BadValue(block.origin(), path,
          "target \"" + id + "\": unknown collector \"" + type + "\"; known: " + registry.types());
    }
  }

  static Duration duration(Config entry, Config defaults, String key, String path) {
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

  static String requiredString(Config entry, String key, String path) {
    return optionalString(entry, key, path).orElseThrow(() ->
        new ConfigException.Missing(entry.origin(), path + "." + key));
  }

  static Optional<String> optionalString(Config entry, String key, String path) {
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
