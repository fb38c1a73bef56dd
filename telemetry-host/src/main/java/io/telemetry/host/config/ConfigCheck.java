package io.telemetry.host.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorFactory;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.host.node.NodeCollectors;
import io.telemetry.inventory.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Loads a HOCON file the way a node does ({@link io.telemetry.config.TelemetryConfig}) and reports
 * every problem, each with its path and line: syntax, includes and substitutions that do not
 * resolve, unknown keys and wrong types under {@code telemetry}, and whatever the node's own loaders
 * refuse (targets and their collectors, credentials, inventory, sinks, correlation rules), plus files
 * the configuration names that do not exist. {@code telemetry config check} prints the report; every
 * command that takes a config file calls {@link #requireValid} before it starts anything.
 */
public final class ConfigCheck {

  /** @param checkFiles whether files the config names (keys, known_hosts, inventories) must exist here */
  public record Options(boolean checkFiles) {
    public static final Options DEFAULT = new Options(true);
  }

  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{\\??[^}]+}");

  private ConfigCheck() {}

  public static ConfigReport check(Path file) {
    return check(file, ConfigFactory.empty(), Options.DEFAULT);
  }

  /** @param overrides win over the file, as in {@code TelemetryConfig.load(file, overrides)} */
  public static ConfigReport check(Path file, Config overrides, Options options) {
    return check(Optional.of(file), file.toString(), null, overrides, options);
  }

  /**
   * Checks a configuration a command assembles in code (the demo's node, the bench's) with no
   * file of its own: the same checks, its problems named {@code NAME: path: message}, so that a bad
   * built-in default or an option turned into a setting is refused like a file's mistake.
   *
   * @param name  stands for the file in the report, e.g. {@code demo node config}
   * @param built the settings as the command would pass them to {@code TelemetryConfig.load}
   */
  public static ConfigReport checkBuilt(String name, Config built, Options options) {
    return check(Optional.empty(), name, null, built, options);
  }

  /**
   * @param file      the operator's file, if any
   * @param display   how the report names it (or, without a file, the built config)
   * @param builtName with a file, how the report names the settings in code (null: the file's name)
   * @param overrides settings in code, winning over the file
   */
  private static ConfigReport check(Optional<Path> file, String display, String builtName, Config overrides,
      Options options) {
    Path absolute = file.map(f -> f.toAbsolutePath().normalize()).orElse(null);
    Problems problems = new Problems(file.orElse(Path.of(display)), display);
    if (builtName != null) {
      problems.builtName(builtName);
    }
    if (absolute != null && !Files.isRegularFile(absolute)) {
      return unparseable(display, -1, "no such file");
    }
    IncludeTracker includes = new IncludeTracker();
    Config user = ConfigFactory.empty();
    if (absolute != null) {
      try {
        user = ConfigFactory.parseFile(absolute.toFile(),
            ConfigParseOptions.defaults().setAllowMissing(false).setIncluder(includes));
      } catch (ConfigException e) {
        int line = e.origin() == null ? -1 : e.origin().lineNumber();
        String where = e.origin() != null && e.origin().filename() != null
            && !Path.of(e.origin().filename()).toAbsolutePath().normalize().equals(absolute)
            ? e.origin().filename() : display;
        return unparseable(where, line, Problems.parse(e).message());
      }
    }
    ClassLoader loader = ConfigCheck.class.getClassLoader();
    Config nodeDefaults = ConfigFactory.parseResources(loader, "telemetry-node.conf");
    Config defaults = nodeDefaults.withFallback(ConfigFactory.defaultReference(loader)).resolve();
    Config partial;
    try {
      partial = overrides.withFallback(ConfigFactory.defaultOverrides()).withFallback(user).withFallback(nodeDefaults)
          .withFallback(ConfigFactory.defaultReference(loader))
          .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
    } catch (ConfigException e) {
      problems.add(e, "");
      return new ConfigReport(display, problems.list(), false);
    }
    if (absolute != null) {
      missingIncludes(includes, absolute, problems);
    }
    Map<String, UnresolvedValues.Unresolved> written = new HashMap<>();
    UnresolvedValues.find(overrides.withFallback(user).root()).forEach(u -> written.put(u.path(), u));
    problems.optionalSubstitutions(List.copyOf(written.values()));
    List<UnresolvedValues.Unresolved> unresolved = UnresolvedValues.find(partial.root());
    for (UnresolvedValues.Unresolved u : unresolved) {
      // A value merged with a default renders as the whole merge: name the substitution as written.
      UnresolvedValues.Unresolved asWritten = written.getOrDefault(u.path(), u);
      String expression = substitutions(asWritten.expression());
      problems.add(u.path(), asWritten.origin(), expression + " does not resolve: no such setting"
          + (expression.matches(".*\\$\\{\\??[A-Za-z_][A-Za-z0-9_]*}.*") ? " and no such environment variable" : ""));
      problems.suppressUnder(u.path());
    }
    Config root = UnresolvedValues.replace(partial.root(), unresolved).toConfig().resolve();
    problems.root(root.root());

    SettingsSchema.load().check(root, problems);
    Config cleaned = setAside(root, problems.paths(), defaults);
    ElementCheck elements = new ElementCheck(problems, options, readableStandIn(absolute));
    CollectorRegistry registry = registry(cleaned, defaults);
    NodeChecks node = new NodeChecks(defaults, registry, problems, options, elements);
    List<Target> targets = node.run(cleaned);
    new CorrelationChecks(node, problems).run(cleaned, knownFamilies(registry, targets));
    return new ConfigReport(display, problems.list(), false);
  }

  /**
   * The families the collectors may write, as the node computes them for its Kafka topics: a
   * correlation rule reading any other family would never see a record. A target whose collector
   * blocks are broken adds none (its own check reports it).
   */
  private static Set<String> knownFamilies(CollectorRegistry registry, List<Target> targets) {
    Set<String> families = new TreeSet<>(registry.families(List.of()));
    for (Target target : targets) {
      try {
        families.addAll(registry.families(List.of(target)));
      } catch (RuntimeException e) {
        // reported by the target's own check
      }
    }
    return families;
  }

  /** A file that exists and is readable, standing in for an unreadable key: the checked file, or the JDK's release file. */
  private static String readableStandIn(Path checkedFile) {
    if (checkedFile != null) {
      return checkedFile.toString();
    }
    Path release = Path.of(System.getProperty("java.home"), "release");
    return Files.isReadable(release) ? release.toString() : System.getProperty("java.home");
  }

  /**
   * Checks a command's config file; when it has problems, throws with the report (the command
   * line prints every problem and exits 2), so that nothing starts on a broken config.
   */
  public static void requireValid(Path file, Config overrides) {
    requireClean(check(file, overrides, Options.DEFAULT));
  }

  /**
   * Checks what a command will hand its node: its {@code --config} file (if any) with the settings
   * it adds in code, or those settings alone under {@code builtName}; throws as {@link #requireValid}.
   */
  public static void requireValid(Optional<Path> file, Config built, String builtName, Options options) {
    requireClean(file.isPresent() ? check(file, file.get().toString(), builtName, built, options)
        : checkBuilt(builtName, built, options));
  }

  private static void requireClean(ConfigReport report) {
    if (!report.clean()) {
      throw new InvalidConfigException(report);
    }
  }

  /** The {@code ${...}} parts of a rendered value. */
  private static String substitutions(String rendered) {
    List<String> found = new ArrayList<>();
    java.util.regex.Matcher m = SUBSTITUTION.matcher(rendered);
    while (m.find()) {
      found.add(m.group());
    }
    return found.isEmpty() ? rendered : String.join(" ", new LinkedHashSet<>(found));
  }

  private static ConfigReport unparseable(String file, int line, String message) {
    return new ConfigReport(file, List.of(new ConfigProblem(file, line, "", message)), true);
  }

  /** The node's collector types, plus the placeholder that stands in for unknown ones. */
  private static CollectorRegistry registry(Config root, Config defaults) {
    List<CollectorFactory> factories = new ArrayList<>();
    try {
      factories.addAll(NodeCollectors.factories(root.getConfig("telemetry")));
    } catch (RuntimeException e) {
      factories.addAll(NodeCollectors.factories(defaults.getConfig("telemetry"))); // the section check reports it
    }
    factories.add(new CollectorFactory() {
      @Override
      public String type() {
        return ElementCheck.PLACEHOLDER_COLLECTOR;
      }

      @Override
      public Collector create(Target target, CollectorSpec spec) {
        throw new UnsupportedOperationException("stands in for an unknown collector type in config checks");
      }
    });
    return new CollectorRegistry(factories);
  }

  /** The root without the values already reported, so that later checks see the defaults there. */
  private static Config setAside(Config root, List<String> paths, Config defaults) {
    Config cleaned = root;
    for (String path : paths) {
      try {
        if (path.startsWith("telemetry.") && cleaned.hasPath(path)) {
          cleaned = cleaned.withoutPath(path);
        }
      } catch (ConfigException e) {
        // not a HOCON path (list index): the element checks handle it
      }
    }
    return cleaned.withFallback(defaults);
  }

  private static void missingIncludes(IncludeTracker includes, Path file, Problems problems) {
    Set<Path> files = new LinkedHashSet<>();
    files.add(file);
    files.addAll(includes.included());
    for (IncludeTracker.Missing missing : includes.missing()) {
      String file0 = file.toString();
      int line = -1;
      String name = missing.what().replaceAll("^\\w+\\(\"(.*)\"\\)$", "$1");
      search:
      for (Path candidate : files) {
        try {
          List<String> lines = Files.readAllLines(candidate);
          for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.startsWith("include") && text.contains("\"" + name + "\"")) {
              file0 = candidate.toString();
              line = i + 1;
              break search;
            }
          }
        } catch (IOException | RuntimeException e) {
          // an unreadable candidate cannot hold the statement
        }
      }
      problems.add(file0, line, "include \"" + name + "\"", "does not resolve: " + missing.reason());
    }
  }
}
