package io.telemetry.collect.junos;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.telemetry.collect.CollectorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@code junos-netconf} collector's own settings (the rest of its block in a target's
 * {@code collectors} list). Every problem names its path, e.g.
 * {@code telemetry.targets[2].collectors[0].rpcs}.
 *
 * @param rpcs              which request groups to run; default all
 * @param inventoryInterval how often the slow data (descriptions, LLDP, the BGP instance list) is
 *                          fetched again; default 30 minutes (the enrichment cadence)
 * @param bgpInstances      routing instances (Junos names, {@code master} = default) to ask the BGP
 *                          summary for; empty = discover them with {@code get-instance-information}
 *                          at the inventory cadence
 */
record JunosCollectorSettings(Set<JunosRpcGroup> rpcs, Duration inventoryInterval, List<String> bgpInstances) {

  static final Duration DEFAULT_INVENTORY_INTERVAL = Duration.ofMinutes(30);
  static final Set<String> KEYS = Set.of("rpcs", "inventory-interval", "bgp-instances");

  JunosCollectorSettings {
    rpcs = rpcs.isEmpty() ? EnumSet.noneOf(JunosRpcGroup.class) : EnumSet.copyOf(rpcs);
    bgpInstances = List.copyOf(bgpInstances);
  }

  static JunosCollectorSettings defaults() {
    return new JunosCollectorSettings(EnumSet.allOf(JunosRpcGroup.class), DEFAULT_INVENTORY_INTERVAL, List.of());
  }

  boolean runs(JunosRpcGroup group) {
    return rpcs.contains(group);
  }

  /** Reads and checks a collector block; throws {@link ConfigException} naming the setting's path. */
  static JunosCollectorSettings from(CollectorSpec spec) {
    Config settings = spec.settings();
    for (String key : settings.root().keySet()) {
      if (!KEYS.contains(key)) {
        throw new ConfigException.BadPath(settings.origin(), spec.path() + "." + key,
            "unknown junos-netconf setting; expected one of " + new TreeSet<>(KEYS));
      }
    }
    return new JunosCollectorSettings(rpcs(settings, spec.path()), inventoryInterval(settings, spec.path()),
        instances(settings, spec.path()));
  }

  private static Set<JunosRpcGroup> rpcs(Config settings, String path) {
    if (!settings.hasPath("rpcs")) {
      return EnumSet.allOf(JunosRpcGroup.class);
    }
    List<String> names = stringList(settings, "rpcs", path);
    if (names.isEmpty()) {
      throw new ConfigException.BadValue(settings.origin(), path + ".rpcs",
          "must name at least one of " + known() + " (leave it out for all)");
    }
    Set<JunosRpcGroup> groups = EnumSet.noneOf(JunosRpcGroup.class);
    for (String name : names) {
      groups.add(JunosRpcGroup.bySetting(name).orElseThrow(() -> new ConfigException.BadValue(settings.origin(),
          path + ".rpcs", "unknown request group \"" + name + "\"; known: " + known())));
    }
    return groups;
  }

  private static Duration inventoryInterval(Config settings, String path) {
    if (!settings.hasPath("inventory-interval")) {
      return DEFAULT_INVENTORY_INTERVAL;
    }
    Duration interval;
    try {
      interval = settings.getDuration("inventory-interval");
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw new ConfigException.BadValue(settings.origin(), path + ".inventory-interval",
          "not a duration (e.g. 10m): " + e.getMessage());
    }
    if (interval.isZero() || interval.isNegative()) {
      throw new ConfigException.BadValue(settings.origin(), path + ".inventory-interval",
          "must be positive, was " + interval);
    }
    return interval;
  }

  private static List<String> instances(Config settings, String path) {
    if (!settings.hasPath("bgp-instances")) {
      return List.of();
    }
    List<String> names = stringList(settings, "bgp-instances", path);
    if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
      throw new ConfigException.BadValue(settings.origin(), path + ".bgp-instances",
          "must list routing instance names (master for the default instance), or be left out to discover them");
    }
    return names.stream().map(String::strip).distinct().toList();
  }

  private static List<String> stringList(Config settings, String key, String path) {
    ConfigValue value = settings.getValue(key);
    if (value.valueType() != ConfigValueType.LIST) {
      throw new ConfigException.WrongType(settings.origin(), path + "." + key, "list of strings",
          value.valueType().name().toLowerCase());
    }
    List<String> names = new ArrayList<>();
    for (Object item : (List<?>) value.unwrapped()) {
      if (!(item instanceof String text)) {
        throw new ConfigException.WrongType(settings.origin(), path + "." + key, "list of strings",
            "a list holding " + item);
      }
      names.add(text);
    }
    return names;
  }

  private static String known() {
    return Arrays.stream(JunosRpcGroup.values()).map(JunosRpcGroup::setting).collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public String toString() {
    return "rpcs=" + rpcs.stream().map(JunosRpcGroup::setting).toList() + ", inventory-interval=" + inventoryInterval
        + (bgpInstances.isEmpty() ? "" : ", bgp-instances=" + bgpInstances);
  }
}
