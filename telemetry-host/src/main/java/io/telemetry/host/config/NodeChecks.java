package io.telemetry.host.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.host.HostDependenciesCollectorFactory;
import io.telemetry.collect.meraki.RateLimitSettings;
import io.telemetry.collect.ssh.SshSettings;
import io.telemetry.device.DeviceSettings;
import io.telemetry.host.inventory.OverlayDir;
import io.telemetry.inventory.DiscoverySettings;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetConfigLoader;
import io.telemetry.inventory.TargetPolicy;
import io.telemetry.inventory.source.ResourceSources;
import io.telemetry.pipeline.OverflowPolicy;
import io.telemetry.sink.influx.InfluxSinkSettings;
import io.telemetry.sink.kafka.KafkaSinkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The checks of a node's settings, each through the loader the node itself uses: the sinks, SSH,
 * device and Meraki settings, every target, the inventory's sources, credential sets and policies,
 * and the files they name.
 */
final class NodeChecks {

  private final Config defaults;
  private final CollectorRegistry registry;
  private final Problems problems;
  private final ConfigCheck.Options options;
  private final ElementCheck elements;
  private final List<Target> targets = new ArrayList<>();
  private final Map<String, String> targetIds = new HashMap<>();

  /**
   * @param defaults the resolved defaults (reference.conf and telemetry-node.conf): what a setting
   *                 set aside falls back to
   */
  NodeChecks(Config defaults, CollectorRegistry registry, Problems problems, ConfigCheck.Options options,
      ElementCheck elements) {
    this.defaults = defaults;
    this.registry = registry;
    this.problems = problems;
    this.options = options;
    this.elements = elements;
  }

  /** Runs every check on a resolved root config; returns the targets that loaded. */
  List<Target> run(Config root) {
    section(root, "telemetry.kafka", r -> KafkaSinkSettings.fromConfig(r.getConfig("telemetry.kafka")));
    section(root, "telemetry.kafka.overflow",
        r -> OverflowPolicy.parse(r.getString("telemetry.kafka.overflow"), "telemetry.kafka.overflow"));
    section(root, "telemetry.influx", r -> {
      Config influx = r.getConfig("telemetry.influx");
      if (InfluxSinkSettings.enabled(influx)) {
        InfluxSinkSettings.fromConfig(influx);
      }
    });
    section(root, "telemetry.device", r -> DeviceSettings.fromConfig(r.getConfig("telemetry.device")));
    section(root, "telemetry.ssh", SshSettings::fromConfig);
    section(root, "telemetry.meraki", r -> RateLimitSettings.fromConfig(r.getConfig("telemetry")));
    section(root, OverlayDir.SETTING, r -> OverlayDir.configured(r.getConfig("telemetry")));
    Config telemetry = root.getConfig("telemetry");
    targets(telemetry);
    inventory(telemetry);
    files(root);
    return List.copyOf(targets);
  }

  /**
   * Runs a section's loader until it passes, setting each refused setting aside (back to its
   * default) so that every problem of the section is found.
   *
   * @return the config the loader finally accepted; empty when it never did
   */
  Optional<Config> section(Config root, String sectionPath, Consumer<Config> loader) {
    Config current = root;
    Set<String> setAside = new HashSet<>();
    for (int round = 0; round < 32; round++) {
      String at;
      try {
        loader.accept(current);
        return Optional.of(current);
      } catch (ConfigException e) {
        at = Problems.parse(e).path().orElse(sectionPath);
        problems.add(e, sectionPath);
      } catch (IllegalArgumentException e) {
        Problems.Parsed parsed = Problems.parse(String.valueOf(e.getMessage()));
        at = parsed.path().orElse(sectionPath);
        problems.add(at, null, parsed.message());
      }
      if (!setAside.add(at) || !hasPath(current, at)) {
        return Optional.empty();
      }
      current = current.withoutPath(at).withFallback(defaults);
    }
    return Optional.empty();
  }

  private void targets(Config telemetry) {
    ConfigValue list = telemetry.getValue("targets");
    if (!(list instanceof ConfigList entries)) {
      return; // the schema reported it
    }
    for (int i = 0; i < entries.size(); i++) {
      String path = "telemetry.targets[" + i + "]";
      if (!(entries.get(i) instanceof ConfigObject entry)) {
        problems.add(path, entries.get(i).origin(), "wrong type: expected a target object { id = ..., host = ... }");
        continue;
      }
      String loaderPath = "telemetry.targets[0]";
      elements.run(entry, path, loaderPath, element -> {
        List<Target> loaded = TargetConfigLoader.load(telemetry.withValue("targets", list(element)), registry);
        targets.addAll(loaded.stream().map(t -> rebased(t, loaderPath, path)).toList());
      });
      duplicateId(entry, path);
    }
  }

  private void duplicateId(ConfigObject entry, String path) {
    ConfigValue id = entry.get("id");
    if (id == null || id.valueType() != ConfigValueType.STRING) {
      return;
    }
    String first = targetIds.putIfAbsent((String) id.unwrapped(), path);
    if (first != null) {
      problems.add(path + ".id", id.origin(), "duplicate target id \"" + id.unwrapped() + "\" (first at " + first + ")");
    }
  }

  private void inventory(Config telemetry) {
    if (!telemetry.hasPath("inventory") || telemetry.getValue("inventory").valueType() != ConfigValueType.OBJECT) {
      return;
    }
    Config inventory = telemetry.getConfig("inventory");
    if (inventory.hasPath("sources") && inventory.getValue("sources") instanceof ConfigList sources) {
      for (int i = 0; i < sources.size(); i++) {
        String path = "telemetry.inventory.sources[" + i + "]";
        if (sources.get(i) instanceof ConfigObject source) {
          elements.run(source, path, "telemetry.inventory.sources[0]",
              element -> ResourceSources.fromConfig(ConfigFactory.empty().withValue("sources", list(element)),
                  "telemetry.inventory"));
          if (string(source, "type").orElse("").equals("file")) {
            string(source, "path").ifPresent(file -> fileExists(path + ".path", source.get("path"), file, "inventory file", ""));
          }
        } else {
          problems.add(path, sources.get(i).origin(), "wrong type: expected a source object { type = ..., ... }");
        }
      }
    }
    Map<String, Object> standIns = new LinkedHashMap<>();
    if (inventory.hasPath("credentials") && inventory.getValue("credentials") instanceof ConfigObject credentials) {
      for (String name : credentials.keySet()) {
        standIns.put(name, Map.of("username", "config-check", "password", "config-check"));
        String path = "telemetry.inventory.credentials." + name; // as CredentialSets names it
        if (credentials.get(name) instanceof ConfigObject set) {
          elements.run(set, path, path, element -> TargetPolicy.load(
              telemetry.withValue("inventory", ConfigValueFactory.fromMap(Map.of())
                  .withValue("credentials", ConfigValueFactory.fromMap(Map.of()).withValue(name, element))),
              registry));
        } else {
          problems.add(path, credentials.get(name).origin(), "wrong type: expected { username = ..., password = ... }");
        }
      }
    }
    if (inventory.hasPath("policies") && inventory.getValue("policies") instanceof ConfigList policies) {
      for (int i = 0; i < policies.size(); i++) {
        String path = "telemetry.inventory.policies[" + i + "]";
        if (policies.get(i) instanceof ConfigObject policy) {
          elements.run(policy, path, "telemetry.inventory.policies[0]", element -> TargetPolicy.load(
              telemetry.withValue("inventory", ConfigValueFactory.fromMap(Map.of("credentials", standIns))
                  .withValue("policies", list(element))),
              registry));
        } else {
          problems.add(path, policies.get(i).origin(), "wrong type: expected a policy object { select = ..., ... }");
        }
      }
    }
    if (inventory.hasPath("discovery") && inventory.getValue("discovery") instanceof ConfigObject discovery) {
      String path = "telemetry.inventory.discovery";
      elements.run(discovery, path, path, element -> DiscoverySettings.check(
          telemetry.withValue("inventory", ConfigValueFactory.fromMap(Map.of("credentials", standIns))
              .withValue("discovery", element))));
    }
  }

  /** Files the configuration names: known hosts, inventories, Kafka key and trust stores. */
  private void files(Config root) {
    boolean ssh = targets.stream().anyMatch(registry::usesSsh);
    ConfigValue knownHosts = root.getValue("telemetry.ssh.known-hosts");
    boolean setInFile = knownHosts.origin().filename() != null;
    if ((ssh || setInFile) && !root.getBoolean("telemetry.ssh.accept-unknown-host-keys")
        && knownHosts.valueType() == ConfigValueType.STRING) {
      fileExists("telemetry.ssh.known-hosts", knownHosts, (String) knownHosts.unwrapped(),
          "known_hosts file", " (every device's host key would be refused)");
    }
    for (Target target : targets) {
      for (CollectorSpec spec : target.collectors()) {
        if (spec.type().equals(HostDependenciesCollectorFactory.TYPE) && spec.settings().hasPath("inventory")) {
          String location = spec.settings().getString("inventory");
          if (location.startsWith("file:")) {
            fileExists(spec.path() + ".inventory", spec.settings().getValue("inventory"), location.substring(5),
                "inventory file", "");
          }
        }
      }
    }
    if (root.hasPath("telemetry.kafka.properties")) {
      root.getConfig("telemetry.kafka.properties").entrySet().stream()
          .filter(e -> e.getKey().endsWith(".location") && e.getValue().valueType() == ConfigValueType.STRING)
          .forEach(e -> fileExists("telemetry.kafka.properties." + e.getKey(), e.getValue(),
              (String) e.getValue().unwrapped(), "Kafka client file", ""));
    }
  }

  private void fileExists(String path, ConfigValue value, String file, String what, String why) {
    if (options.checkFiles() && !file.isBlank() && !file.equals(UnresolvedValues.PLACEHOLDER)
        && !Files.isRegularFile(Path.of(file))) {
      problems.add(path, value.origin(), what + " " + file + " does not exist" + why);
    }
  }

  private static Target rebased(Target target, String loaderPath, String path) {
    List<CollectorSpec> specs = target.collectors().stream()
        .map(s -> new CollectorSpec(s.type(), s.interval(), s.settings(), s.path().replace(loaderPath, path)))
        .toList();
    return new Target(target.id(), target.host(), target.port(), target.credentials(), specs, target.timeout(),
        target.labels());
  }

  private static ConfigValue list(ConfigValue element) {
    return ConfigValueFactory.fromIterable(List.of(element));
  }

  private static boolean hasPath(Config config, String path) {
    try {
      return config.hasPath(path);
    } catch (ConfigException e) {
      return false;
    }
  }

  static Optional<String> string(ConfigObject object, String key) {
    ConfigValue v = object.get(key);
    return v != null && v.valueType() == ConfigValueType.STRING ? Optional.of((String) v.unwrapped()) : Optional.empty();
  }
}
