package io.telemetry.host.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the problems of one check: one per setting path (the first found wins, so a wrong type
 * found by the schema is not reported again by the loader that trips over it), each placed at the
 * line of the offending value where the tree has it.
 */
final class Problems {

  /** A ConfigException taken apart: the path it names (if any) and the message without origin or path. */
  record Parsed(Optional<String> path, String message) {}

  private static final Pattern BAD_VALUE = Pattern.compile("(?s)Invalid value at '(.+?)': (.*)");
  private static final Pattern BAD_PATH = Pattern.compile("(?s)Invalid path '(.+?)': (.*)");
  private static final Pattern MISSING = Pattern.compile("No configuration setting found for key '(.+?)'");
  private static final Pattern WRONG_TYPE = Pattern.compile("(?s)(\\S+) has type (.+?) rather than (.+)");
  private static final Pattern LEADING_PATH = Pattern.compile("(?s)(telemetry\\.[^\\s:]+):? (.*)");

  private final Path checkedFile;
  private final String displayName;
  private final Map<String, ConfigProblem> byPath = new LinkedHashMap<>();
  private final Set<String> suppressed = new HashSet<>();
  private ConfigValue root;
  private String builtName;
  private final Map<String, UnresolvedValues.Unresolved> optional = new HashMap<>();

  Problems(Path checkedFile, String displayName) {
    this.checkedFile = checkedFile.toAbsolutePath().normalize();
    this.displayName = displayName;
  }

  /**
   * Names the settings a command adds in code to the checked file (origin "hardcoded value" or
   * "String"), so that their problems are not blamed on the file.
   */
  void builtName(String name) {
    this.builtName = name;
  }

  /** The resolved tree whose values' origins give the lines. */
  void root(ConfigValue root) {
    this.root = root;
  }

  /**
   * Optional substitutions of the file ({@code password = ${?EDGE1_PASSWORD}}) by path: a problem at
   * a setting that one of them left unset names the variable and its line.
   */
  void optionalSubstitutions(List<UnresolvedValues.Unresolved> substitutions) {
    substitutions.stream().filter(u -> u.expression().matches("\\$\\{\\?[A-Za-z_][A-Za-z0-9_]*}")).forEach(u -> optional.put(u.path(), u));
  }

  /** Problems at or under this path are not reported (its cause already is, e.g. an unresolved substitution). */
  void suppressUnder(String path) {
    suppressed.add(path);
  }

  boolean has(String path) {
    return byPath.containsKey(path);
  }

  /** Adds a problem; false when that path already has one (or is suppressed). */
  boolean add(String path, ConfigOrigin fallbackOrigin, String message) {
    if (byPath.containsKey(path) || isSuppressed(path)) {
      return false;
    }
    ConfigOrigin origin = originOf(path).orElse(fallbackOrigin);
    UnresolvedValues.Unresolved unset = optional.get(path);
    if (unset != null && originOf(path).isEmpty()) {
      origin = unset.origin();
      message = message.strip() + " (" + unset.expression() + " is not set)";
    }
    String file = displayName;
    int line = -1;
    if (origin != null && origin.filename() != null) {
      file = display(Path.of(origin.filename()));
      line = origin.lineNumber();
    } else if (origin != null && builtName != null && builtInCode(origin)) {
      file = builtName;
    }
    byPath.put(path, new ConfigProblem(file, line, path, withoutOrigins(message)));
    return true;
  }

  /** Adds a problem from a loader's exception, at the path it names or else at {@code fallbackPath}. */
  boolean add(ConfigException e, String fallbackPath) {
    Parsed parsed = parse(e);
    return add(parsed.path().orElse(fallbackPath), e.origin(), parsed.message());
  }

  /** Adds a problem at a known place (not a value's: e.g. an include statement). */
  void add(String file, int line, String path, String message) {
    if (!byPath.containsKey(path)) {
      byPath.put(path, new ConfigProblem(display(Path.of(file)), line, path, withoutOrigins(message)));
    }
  }

  private static boolean builtInCode(ConfigOrigin origin) {
    String description = origin.description();
    return description.startsWith("hardcoded value") || description.startsWith("String");
  }

  /** The paths reported so far. */
  List<String> paths() {
    return List.copyOf(byPath.keySet());
  }

  List<ConfigProblem> list() {
    List<ConfigProblem> all = new ArrayList<>(byPath.values());
    // File order: the checked file first, then included files; unknown lines last in their file.
    all.sort(Comparator.comparing((ConfigProblem p) -> !p.file().equals(displayName))
        .thenComparing(ConfigProblem::file)
        .thenComparingInt(p -> p.line() > 0 ? p.line() : Integer.MAX_VALUE));
    return all;
  }

  /** Loaders quote nested exceptions with their origins ("/etc/x.conf: 10: "): the line already says where. */
  private static final Pattern NESTED_ORIGIN = Pattern.compile("(\\S+\\.(conf|json|properties)|String|hardcoded value): \\d+: ");

  static String withoutOrigins(String message) {
    return NESTED_ORIGIN.matcher(message.strip()).replaceAll("")
        .replace(", " + ElementCheck.PLACEHOLDER_COLLECTOR, "").replace(ElementCheck.PLACEHOLDER_COLLECTOR + ", ", "");
  }

  /** Takes a Typesafe Config exception's message apart (it has no accessor for the path). */
  static Parsed parse(ConfigException e) {
    if (e instanceof ConfigException.Generic && e.getCause() instanceof ConfigException cause) {
      return parse(cause);
    }
    String text = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e.origin() != null && text.startsWith(e.origin().description() + ": ")) {
      text = text.substring(e.origin().description().length() + 2);
    }
    return parse(text);
  }

  /** Takes a message apart that may start with a path ({@code telemetry.ssh.auth-timeout must be positive}). */
  static Parsed parse(String text) {
    Matcher m;
    if ((m = BAD_VALUE.matcher(text)).matches() || (m = BAD_PATH.matcher(text)).matches()) {
      return new Parsed(Optional.of(m.group(1)), m.group(2));
    }
    if ((m = MISSING.matcher(text)).matches()) {
      return new Parsed(Optional.of(m.group(1)), "missing: this setting is required");
    }
    if ((m = WRONG_TYPE.matcher(text)).matches()) {
      return new Parsed(Optional.of(m.group(1)), "wrong type: expected " + m.group(3) + ", found " + m.group(2));
    }
    if ((m = LEADING_PATH.matcher(text)).matches()) {
      return new Parsed(Optional.of(m.group(1)), m.group(2));
    }
    return new Parsed(Optional.empty(), text);
  }

  private boolean isSuppressed(String path) {
    return suppressed.stream().anyMatch(s -> path.equals(s) || path.startsWith(s + ".") || path.startsWith(s + "["));
  }

  private Optional<ConfigOrigin> originOf(String path) {
    if (root == null) {
      return Optional.empty();
    }
    return ConfigPaths.parse(path)
        .flatMap(steps -> ConfigPaths.find(root, steps))
        .map(ConfigValue::origin)
        .filter(o -> o.filename() != null);
  }

  private String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (abs.equals(checkedFile)) {
      return displayName;
    }
    Path given = Path.of(displayName).getParent();
    Path dir = checkedFile.getParent();
    if (dir != null && abs.startsWith(dir)) {
      Path relative = dir.relativize(abs);
      return (given == null ? relative : given.resolve(relative)).toString();
    }
    return abs.toString();
  }
}
