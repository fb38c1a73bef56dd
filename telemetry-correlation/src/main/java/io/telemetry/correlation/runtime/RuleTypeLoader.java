package io.telemetry.correlation.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.rule.RuleType;
import java.lang.reflect.InvocationTargetException;

/**
 * Finds a rule type by its HOCON name: {@code telemetry.correlation.rule-types.<name>.class} names a
 * {@link RuleType} with a no-arg constructor; {@code defaults} (optional) are the instance settings'
 * fallback. New rule types (and test rules) are plugged in this way, without code changes here.
 */
final class RuleTypeLoader {

  private static final String PATH = CorrelationSettings.PATH + ".rule-types";

  private RuleTypeLoader() {}

  record LoadedType(RuleType type, Config defaults) {}

  static LoadedType load(Config root, String typeName, String referencedFrom) {
    Config types = root.getConfig(PATH);
    String quoted = ConfigQuoting.key(typeName);
    if (!types.hasPath(quoted)) {
      throw new ConfigException.BadValue(referencedFrom,
          "rule type '" + typeName + "' is unknown; known types: " + types.root().keySet()
              + " (register one under " + PATH + ")");
    }
    String path = PATH + "." + quoted;
    Config entry = types.getConfig(quoted);
    if (!entry.hasPath("class")) {
      throw new ConfigException.Missing(path + ".class");
    }
    String className = entry.getString("class");
    RuleType type;
    try {
      Class<?> loaded = Class.forName(className, true, Thread.currentThread().getContextClassLoader() != null
          ? Thread.currentThread().getContextClassLoader() : RuleTypeLoader.class.getClassLoader());
      if (!RuleType.class.isAssignableFrom(loaded)) {
        throw new ConfigException.BadValue(path + ".class", className + " does not implement " + RuleType.class.getName());
      }
      type = (RuleType) loaded.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new ConfigException.BadValue(path + ".class", "class " + className + " is not on the classpath");
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new ConfigException.BadValue(path + ".class", className + " needs a public no-argument constructor (" + e + ")");
    } catch (InvocationTargetException e) {
      throw new ConfigException.BadValue(path + ".class", className + " constructor failed: " + e.getCause());
    }
    if (!type.name().equals(typeName)) {
      throw new ConfigException.BadValue(path + ".class",
          className + " is rule type '" + type.name() + "', registered as '" + typeName + "'");
    }
    Config defaults = entry.hasPath("defaults") ? entry.getConfig("defaults") : ConfigFactory.empty();
    return new LoadedType(type, defaults);
  }
}
