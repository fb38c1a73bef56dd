package io.telemetry.collect.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.telemetry.collect.CollectorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The settings of one {@code cli} collector block, read and checked at config load. Every error
 * names its path, e.g. {@code telemetry.targets[0].collectors[1].commands[2].pattern}.
 *
 * @param commands       run in this order on every poll
 * @param maxOutputBytes a command's output beyond this is refused (protects the node's memory)
 */
public record CliSettings(List<CliCommand> commands, long maxOutputBytes) {

  public static final long DEFAULT_MAX_OUTPUT_BYTES = 64L * 1024 * 1024;

  private static final Set<String> BLOCK_KEYS = Set.of("commands", "max-output");
  private static final Set<String> JUNOS_KEYS = Set.of("command", "format");
  private static final Set<String> REGEX_KEYS =
      Set.of("command", "format", "family", "pattern", "tags", "counters", "gauges", "counter-bits");
  private static final Pattern FAMILY = Pattern.compile("[a-z][a-z0-9_]*");

  public CliSettings {
    commands = List.copyOf(commands);
    if (commands.isEmpty()) {
      throw new IllegalArgumentException("a cli collector needs at least one command");
    }
    if (maxOutputBytes <= 0) {
      throw new IllegalArgumentException("maxOutputBytes must be positive, was " + maxOutputBytes);
    }
  }

  /** Reads a collector block; throws {@link ConfigException} naming the offending path. */
  public static CliSettings from(CollectorSpec spec) {
    Config block = spec.settings();
    String path = spec.path();
    for (String key : block.root().keySet()) {
      if (!BLOCK_KEYS.contains(key)) {
        throw new ConfigException.BadPath(block.origin(), path + "." + key,
            "unknown setting of a cli collector; expected one of " + new TreeSet<>(BLOCK_KEYS));
      }
    }
    if (!block.hasPath("commands")) {
      throw new ConfigException.Missing(block.origin(), path + ".commands");
    }
    List<? extends Config> entries;
    try {
      entries = block.getConfigList("commands");
    } catch (ConfigException.WrongType e) {
      throw new ConfigException.WrongType(block.origin(), path + ".commands",
          "list of { command = ..., format = ... } objects", block.getValue("commands").valueType().name());
    }
    if (entries.isEmpty()) {
      throw new ConfigException.BadValue(block.origin(), path + ".commands", "must list at least one command");
    }
    List<CliCommand> commands = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      commands.add(command(entries.get(i), path + ".commands[" + i + "]"));
    }
    long maxOutput = DEFAULT_MAX_OUTPUT_BYTES;
    if (block.hasPath("max-output")) {
      try {
        maxOutput = block.getBytes("max-output");
      } catch (ConfigException e) {
        throw new ConfigException.BadValue(block.origin(), path + ".max-output",
            "not a size (e.g. 64 MiB): " + e.getMessage());
      }
      if (maxOutput <= 0) {
        throw new ConfigException.BadValue(block.origin(), path + ".max-output", "must be positive");
      }
    }
    return new CliSettings(commands, maxOutput);
  }

  private static CliCommand command(Config entry, String path) {
    String command = requiredString(entry, "command", path);
    String formatName = requiredString(entry, "format", path);
    CliFormat format = CliFormat.named(formatName).orElseThrow(() -> new ConfigException.BadValue(
        entry.origin(), path + ".format", "unknown format \"" + formatName + "\"; known: " + CliFormat.names()));
    Set<String> allowed = format == CliFormat.REGEX ? REGEX_KEYS : JUNOS_KEYS;
    for (String key : entry.root().keySet()) {
      if (!allowed.contains(key)) {
        String hint = REGEX_KEYS.contains(key) ? " (only for format = regex)" : "";
        throw new ConfigException.BadPath(entry.origin(), path + "." + key,
            "unknown setting for format " + formatName + hint + "; expected one of " + new TreeSet<>(allowed));
      }
    }
    if (format != CliFormat.REGEX) {
      return CliCommand.junos(command, format);
    }
    return CliCommand.regex(command, recipe(entry, path));
  }

  private static RegexRecipe recipe(Config entry, String path) {
    String family = requiredString(entry, "family", path);
    if (!FAMILY.matcher(family).matches()) {
      throw new ConfigException.BadValue(entry.origin(), path + ".family",
          "\"" + family + "\" is not a family name (lower-case letters, digits and _, starting with a letter)");
    }
    String regex = requiredString(entry, "pattern", path);
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new ConfigException.BadValue(entry.origin(), path + ".pattern",
          "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex() + " of " + regex);
    }
    Map<String, String> tags = groups(entry, "tags", path, pattern);
    Map<String, String> counters = groups(entry, "counters", path, pattern);
    Map<String, String> gauges = groups(entry, "gauges", path, pattern);
    if (counters.isEmpty() && gauges.isEmpty()) {
      throw new ConfigException.BadValue(entry.origin(), path + ".counters",
          "a regex command must declare at least one counter or gauge group");
    }
    int counterBits = 64;
    if (entry.hasPath("counter-bits")) {
      try {
        counterBits = entry.getInt("counter-bits");
      } catch (ConfigException.WrongType e) {
        counterBits = -1;
      }
      if (counterBits != 32 && counterBits != 64) {
        throw new ConfigException.BadValue(entry.origin(), path + ".counter-bits", "must be 32 or 64");
      }
    }
    return new RegexRecipe(family, pattern, tags, counters, gauges, counterBits);
  }

  /**
   * {@code counters = [inOctets]} (field named as the group) or
   * {@code counters { in_octets = inOctets }} (field = group). Every group must exist in the pattern.
   */
  private static Map<String, String> groups(Config entry, String key, String path, Pattern pattern) {
    Map<String, String> fieldToGroup = new LinkedHashMap<>();
    if (!entry.hasPath(key)) {
      return fieldToGroup;
    }
    String keyPath = path + "." + key;
    ConfigValue value = entry.getValue(key);
    if (value.valueType() == ConfigValueType.LIST) {
      List<String> names;
      try {
        names = entry.getStringList(key);
      } catch (ConfigException.WrongType e) {
        throw new ConfigException.WrongType(entry.origin(), keyPath, "list of group names", "list of something else");
      }
      names.forEach(name -> fieldToGroup.put(name, name));
    } else if (value.valueType() == ConfigValueType.OBJECT) {
      Config object = entry.getConfig(key);
      for (String field : object.root().keySet()) {
        ConfigValue group = object.root().get(field);
        if (group.valueType() != ConfigValueType.STRING) {
          throw new ConfigException.WrongType(entry.origin(), keyPath + "." + field, "group name (string)",
              group.valueType().name());
        }
        fieldToGroup.put(field, (String) group.unwrapped());
      }
    } else {
      throw new ConfigException.WrongType(entry.origin(), keyPath,
          "list of group names or { field = group } object", value.valueType().name());
    }
    for (Map.Entry<String, String> e : fieldToGroup.entrySet()) {
      String field = e.getKey();
      String group = e.getValue();
      if (field.isBlank()) {
        throw new ConfigException.BadValue(entry.origin(), keyPath, "a field name is empty");
      }
      if (!RegexGroups.validName(group)) {
        throw new ConfigException.BadValue(entry.origin(), keyPath,
            "\"" + group + "\" is not a Java regex group name (a letter, then letters and digits); map a field"
                + " to a group instead, e.g. " + key + " { " + field + " = " + field.replaceAll("[^a-zA-Z0-9]", "") + " }");
      }
      if (!RegexGroups.defines(pattern, group)) {
        throw new ConfigException.BadValue(entry.origin(), keyPath,
            "the pattern has no group named \"" + group + "\" (write it as (?<" + group + ">...))");
      }
    }
    return fieldToGroup;
  }

  private static String requiredString(Config entry, String key, String path) {
    if (!entry.hasPath(key)) {
      throw new ConfigException.Missing(entry.origin(), path + "." + key);
    }
    ConfigValueType type = entry.getValue(key).valueType();
    if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST) {
      throw new ConfigException.WrongType(entry.origin(), path + "." + key, "string", type.name().toLowerCase());
    }
    String value = entry.getString(key);
    if (value.isBlank()) {
      throw new ConfigException.BadValue(entry.origin(), path + "." + key, "must not be empty");
    }
    return value;
  }
}
