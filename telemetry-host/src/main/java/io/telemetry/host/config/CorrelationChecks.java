package io.telemetry.host.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.telemetry.correlation.runtime.CorrelationSettings;
import io.telemetry.correlation.runtime.RuleDefinition;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The checks of {@code telemetry.correlation}: its shared settings, and every rule instance through
 * {@link RuleDefinition} (type known, settings valid), with no key its type does not know (for the
 * shipped types, whose defaults name every setting), reading families that some collector writes.
 */
final class CorrelationChecks {

  /** Keys the runtime reads for every rule type (RuleDefinition). */
  private static final Set<String> COMMON_KEYS = Set.of("type", "severity", "enabled", "devices", "topics");

  private static final String SHIPPED_TYPES = "correlation-rules.conf";

  private final NodeChecks sections;
  private final Problems problems;

  CorrelationChecks(NodeChecks sections, Problems problems) {
    this.sections = sections;
    this.problems = problems;
  }

  void run(Config root, Set<String> families) {
    AtomicReference<CorrelationSettings> settings = new AtomicReference<>();
    Optional<Config> accepted = sections.section(root, CorrelationSettings.PATH,
        r -> settings.set(CorrelationSettings.from(r)));
    if (settings.get() == null || accepted.isEmpty()
        || root.getValue(RuleDefinition.RULES_PATH).valueType() != ConfigValueType.OBJECT) {
      return;
    }
    ConfigObject rules = root.getObject(RuleDefinition.RULES_PATH);
    for (String name : new TreeSet<>(rules.keySet())) {
      String path = RuleDefinition.RULES_PATH + "." + key(name);
      ConfigValue block = rules.get(name);
      if (!(block instanceof ConfigObject object)) {
        problems.add(path, block.origin(), "wrong type: expected a rule object { type = ..., ... }");
        continue;
      }
      unknownKeys(root, object, path);
      rule(accepted.get(), settings.get(), name, path, object, families);
    }
  }

  private void unknownKeys(Config root, ConfigObject block, String path) {
    ConfigValue type = block.get("type");
    if (type == null || type.valueType() != ConfigValueType.STRING) {
      return;
    }
    String typePath = CorrelationSettings.PATH + ".rule-types." + key((String) type.unwrapped());
    String typesPath = typePath + ".defaults";
    if (!root.hasPath(typePath) || !shipped(root.getValue(typePath))) {
      return; // unknown type: RuleDefinition says so; a plugged-in type may have settings without defaults
    }
    Set<String> known = new HashSet<>(COMMON_KEYS);
    if (root.hasPath(typesPath)) {
      known.addAll(root.getObject(typesPath).keySet());
    }
    for (String key : block.keySet()) {
      if (!known.contains(key)) {
        problems.add(path + "." + key(key), block.get(key).origin(),
            SettingsSchema.unknown(key, known) + " (a " + type.unwrapped() + " rule)");
      }
    }
  }

  private void rule(Config root, CorrelationSettings settings, String name, String path, ConfigObject block,
      Set<String> families) {
    Config current = root;
    Set<String> setAside = new HashSet<>();
    for (int round = 0; round < 32; round++) {
      RuleDefinition definition;
      String at;
      try {
        definition = RuleDefinition.load(current, settings, name);
      } catch (ConfigException e) {
        at = Problems.parse(e).path().orElse(path);
        problems.add(e, path);
        if (!at.startsWith(path + ".") || at.equals(path + ".type") || !setAside.add(at) || !current.hasPath(at)) {
          return;
        }
        current = current.withoutPath(at); // the rule type's default applies
        continue;
      }
      if (!block.containsKey("topics")) {
        for (String family : definition.instance().families()) {
          if (!families.contains(family)) {
            problems.add(path + ".type", block.get("type").origin(), "rule type " + block.get("type").unwrapped()
                + " reads family \"" + family + "\", which no collector writes (known: " + families
                + "); set topics to read other topics");
          }
        }
      }
      return;
    }
  }

  /** The types of correlation-rules.conf give every setting a default, so their defaults are their schema. */
  private static boolean shipped(ConfigValue type) {
    String resource = type.origin().resource();
    return SHIPPED_TYPES.equals(resource) || type.origin().description().contains(SHIPPED_TYPES);
  }

  private static String key(String name) {
    return name.matches("[A-Za-z0-9_-]+") ? name : ConfigUtil.quoteString(name);
  }
}
