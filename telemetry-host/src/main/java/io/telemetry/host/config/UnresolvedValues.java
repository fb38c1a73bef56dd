package io.telemetry.host.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the values of a tree resolved with {@code allowUnresolved} that are still substitutions
 * ({@code ${TYPO}}, a required environment variable that is unset), so that every one is reported
 * rather than the first, and replaces them with a placeholder so that the other checks can go on.
 */
final class UnresolvedValues {

  /** One unresolved value: its path (list indexes included), as written, and where. */
  record Unresolved(String path, String expression, ConfigOrigin origin) {}

  static final String PLACEHOLDER = "<unresolved>";

  private UnresolvedValues() {}

  static List<Unresolved> find(ConfigObject root) {
    List<Unresolved> found = new ArrayList<>();
    walk(root, "", found);
    return found;
  }

  /** The tree with every unresolved value replaced by {@link #PLACEHOLDER}. */
  static ConfigObject replace(ConfigObject root, List<Unresolved> unresolved) {
    ConfigValue tree = root;
    for (Unresolved u : unresolved) {
      ConfigValue placeholder = ConfigValueFactory.fromAnyRef(PLACEHOLDER).withOrigin(u.origin());
      ConfigValue current = tree;
      tree = ConfigPaths.parse(u.path()).flatMap(steps -> ConfigPaths.replace(current, steps, placeholder)).orElse(tree);
    }
    return (ConfigObject) tree;
  }

  private static void walk(ConfigValue value, String path, List<Unresolved> found) {
    try {
      value.valueType();
    } catch (ConfigException.NotResolved e) {
      found.add(new Unresolved(path, value.render(), value.origin()));
      return;
    }
    if (value instanceof ConfigObject object) {
      for (String key : object.keySet()) {
        String child = ConfigPaths.render(List.of(new ConfigPaths.Step(key, -1)));
        walk(object.get(key), path.isEmpty() ? child : path + "." + child, found);
      }
    } else if (value instanceof ConfigList list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", found);
      }
    }
  }
}
