package io.telemetry.correlation.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.telemetry.correlation.rule.RuleInstance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One rule instance as configured under {@code telemetry.correlation.rules.<name>}: the rule type's
 * instance plus what the runtime handles for every type (enabled, devices, topics).
 *
 * @param name     the instance name
 * @param instance the rule type's instance (keys and logic)
 * @param enabled  false: not started by "all rules"
 * @param devices  which devices' records are evaluated
 * @param inputs   input topics (the families' metric topics unless {@code topics} is set)
 */
public record RuleDefinition(String name, RuleInstance instance, boolean enabled, DeviceFilter devices, List<String> inputs) {

  public static final String RULES_PATH = CorrelationSettings.PATH + ".rules";

  /** The names of all configured instances, sorted (HOCON objects keep no order). */
  public static List<String> names(Config root) {
    return root.getConfig(RULES_PATH).root().keySet().stream().sorted().toList();
  }

  /** Reads and checks one instance. */
  public static RuleDefinition load(Config root, CorrelationSettings settings, String name) {
    String quoted = ConfigQuoting.key(name);
    Config rules = root.getConfig(RULES_PATH);
    if (!rules.hasPath(quoted)) {
      throw new ConfigException.BadValue(RULES_PATH,
          "has no rule instance '" + name + "'; configured: " + names(root));
    }
    if (!name.matches("[a-zA-Z0-9._-]+")) {
      throw new ConfigException.BadValue(RULES_PATH + "." + quoted,
          "the name '" + name + "' may only contain a-z, A-Z, 0-9, '.', '_', '-' (it names topics)");
    }
    String path = RULES_PATH + "." + quoted;
    Config block = rules.getConfig(quoted);
    if (!block.hasPath("type")) {
      throw new ConfigException.Missing(path + ".type");
    }
    String typeName = block.getString("type");
    RuleTypeLoader.LoadedType type = RuleTypeLoader.load(root, typeName, path + ".type");
    Config merged = block.withFallback(type.defaults());
    RuleInstance instance;
    try {
      instance = type.type().create(name, merged);
    } catch (ConfigException e) {
      // The type sees its block only, so its messages name the key alone: add where the block is.
      throw new ConfigException.Generic(path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ConfigException.BadValue(path, "rule type " + typeName + " refused the settings: " + e.getMessage());
    }
    boolean enabled = !merged.hasPath("enabled") || merged.getBoolean("enabled");
    List<String> devices = merged.hasPath("devices") ? merged.getStringList("devices") : List.of("*");
    if (devices.isEmpty()) {
      throw new ConfigException.BadValue(path + ".devices", "is empty; use [\"*\"] for every device");
    }
    List<String> inputs = new ArrayList<>();
    if (merged.hasPath("topics")) {
      inputs.addAll(merged.getStringList("topics"));
      if (inputs.isEmpty()) {
        throw new ConfigException.BadValue(path + ".topics", "is empty; leave it out to read the rule's families");
      }
    } else {
      for (String family : instance.families()) {
        inputs.add(settings.metricTopic(family));
      }
    }
    Set<String> distinct = new LinkedHashSet<>(inputs);
    return new RuleDefinition(name, instance, enabled, DeviceFilter.of(devices), List.copyOf(distinct));
  }
}
