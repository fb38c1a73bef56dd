package io.telemetry.host.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks every {@code telemetry.*} setting against the reference configuration: keys that no
 * reference.conf knows, and values of the wrong type (judged by the default's type: a string
 * default such as {@code 60s} means a duration). Lists are checked as lists only (their elements
 * have their own checks); free-form maps (Kafka client properties, labels, rules) are not walked.
 */
final class SettingsSchema {

  /** Maps whose keys are the operator's (client properties, rule names) or checked elsewhere. */
  static final Set<String> FREE_FORM = Set.of(
      "telemetry.kafka.properties",
      "telemetry.kafka.producer",
      "telemetry.kafka.topics.configs",
      "telemetry.correlation.kafka-properties",
      "telemetry.correlation.consumer-properties",
      "telemetry.correlation.rules",
      "telemetry.correlation.rule-types",
      "telemetry.inventory.credentials",
      "telemetry.inventory.discovery");

  private final ConfigObject reference;

  private SettingsSchema(ConfigObject reference) {
    this.reference = reference;
  }

  /** The schema of this classpath: every reference.conf, telemetry-node.conf and config-check-schema.conf. */
  static SettingsSchema load() {
    ClassLoader loader = SettingsSchema.class.getClassLoader();
    // -D settings may be substituted (${user.home}) but are no part of the schema.
    Config schema = ConfigFactory.parseResources(loader, "config-check-schema.conf")
        .withFallback(ConfigFactory.defaultReferenceUnresolved(loader).withOnlyPath("telemetry"))
        .withFallback(ConfigFactory.systemProperties().withoutPath("telemetry"))
        .resolve();
    return new SettingsSchema(schema.getObject("telemetry"));
  }

  void check(Config root, Problems problems) {
    if (!root.hasPath("telemetry")) {
      return;
    }
    ConfigValue telemetry = root.getValue("telemetry");
    if (telemetry.valueType() != ConfigValueType.OBJECT) {
      problems.add("telemetry", telemetry.origin(), "wrong type: expected an object, found " + kind(telemetry));
      return;
    }
    walk((ConfigObject) telemetry, reference, "telemetry", problems);
  }

  private void walk(ConfigObject actual, ConfigObject expected, String path, Problems problems) {
    for (String key : actual.keySet()) {
      String child = path + "." + ConfigPaths.render(List.of(new ConfigPaths.Step(key, -1)));
      ConfigValue value = actual.get(key);
      ConfigValue model = expected.get(key);
      if (model == null && fromSystemProperties(value)) {
        continue; // -Dtelemetry.x=... is the operator's command line (or a test harness's), not the file
      }
      if (model == null) {
        problems.add(child, value.origin(), unknown(key, expected.keySet()));
      } else if (!FREE_FORM.contains(child)) {
        checkType(value, model, child, problems);
      } else if (value.valueType() != ConfigValueType.OBJECT) {
        problems.add(child, value.origin(), "wrong type: expected an object, found " + kind(value));
      }
    }
  }

  private void checkType(ConfigValue value, ConfigValue model, String path, Problems problems) {
    ConfigValueType type = value.valueType();
    switch (model.valueType()) {
      case OBJECT -> {
        if (type == ConfigValueType.OBJECT) {
          walk((ConfigObject) value, (ConfigObject) model, path, problems);
        } else {
          problems.add(path, value.origin(), "wrong type: expected an object, found " + kind(value));
        }
      }
      case LIST -> {
        if (type != ConfigValueType.LIST) {
          problems.add(path, value.origin(), "wrong type: expected a list, found " + kind(value));
        }
      }
      case BOOLEAN -> convert(value, path, problems, c -> c.getBoolean("v"), "a boolean (on/off, true/false)");
      case NUMBER -> {
        boolean integral = model.unwrapped() instanceof Integer || model.unwrapped() instanceof Long;
        convert(value, path, problems, integral ? c -> c.getLong("v") : c -> c.getDouble("v"),
            integral ? "a whole number" : "a number");
      }
      case STRING -> {
        if (isDuration(model)) {
          convert(value, path, problems, c -> c.getDuration("v"), "a duration (e.g. 30s, 500ms, 5m)");
        } else if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST) {
          problems.add(path, value.origin(), "wrong type: expected a string, found " + kind(value));
        }
      }
      default -> { }
    }
  }

  private interface Getter {
    void get(Config c);
  }

  private static void convert(ConfigValue value, String path, Problems problems, Getter getter, String expected) {
    if (value.valueType() == ConfigValueType.NULL) {
      return;
    }
    try {
      getter.get(value.atKey("v"));
    } catch (ConfigException e) {
      problems.add(path, value.origin(), "wrong type: expected " + expected + ", found " + kind(value)
          + (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST ? ""
              : " " + value.render()));
    }
  }

  static String unknown(String key, Set<String> known) {
    String closest = null;
    int best = 3;
    for (String candidate : known) {
      int d = distance(key, candidate);
      if (d < best) {
        best = d;
        closest = candidate;
      }
    }
    return closest != null ? "unknown setting; did you mean \"" + closest + "\"?"
        : "unknown setting; known here: " + new TreeSet<>(known);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static boolean fromSystemProperties(ConfigValue value) {
    return value.origin().description().startsWith("system properties");
  }

  /** A string default like {@code 60s} or {@code 500ms}: the setting is a duration. */
  private static boolean isDuration(ConfigValue model) {
    String text = String.valueOf(model.unwrapped()).strip();
    if (!text.matches("\\d+(\\.\\d+)?\\s*[a-zA-Z]+")) {
      return false;
    }
    try {
      model.atKey("v").getDuration("v");
      return true;
    } catch (ConfigException e) {
      return false;
    }
  }

  private static String kind(ConfigValue value) {
    return switch (value.valueType()) {
      case OBJECT -> "an object";
      case LIST -> "a list";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case STRING -> "a string";
    };
  }
}
