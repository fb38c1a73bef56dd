package io.telemetry.inventory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.select.Selector;
import io.telemetry.inventory.select.SelectorSyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns inventory resources into targets by rules, from {@code telemetry.inventory}:
 *
 * <pre>
 * policies = [
 *   { select = "vendor = \"juniper\" AND role = \"core\"", collectors = [ junos-netconf ], interval = 30s, credentials = core }
 *   { select = "vendor = \"juniper\"", collectors = [ junos-netconf, { type = snmp, community = public } ], credentials = core }
 *   { collectors = [ { type = snmp, community = public } ], interval = 5m }     # no select: everything else
 * ]
 * </pre>
 *
 * <p><b>First match wins</b>, as in a firewall filter or a route policy: the policies are tried in
 * order and the first whose selector selects the resource alone decides its collectors, interval,
 * timeout, port and credentials. One policy then tells the whole story of a target, and reordering
 * is the only way to change precedence; put specific policies first and a catch-all (no
 * {@code select}) last. A resource no policy selects is not polled.
 *
 * <p>Per policy: {@code select} (a selector, see docs/selectors.md; absent = everything),
 * {@code collectors} / {@code collector} and {@code interval} as in {@code telemetry.targets},
 * {@code timeout}, {@code port} (used when the resource has none; else {@code telemetry.defaults.port}),
 * {@code credentials} (a name under {@code telemetry.inventory.credentials}) and {@code labels} (the
 * attributes carried as target labels; absent = all of them). Immutable; {@link #apply} is safe
 * from any thread.
 */
public final class TargetPolicy {

  private static final Set<String> KEYS = Set.of(
      "select", "collectors", "collector", "interval", "timeout", "port", "credentials", "labels");

  /** What became of a batch of resources. */
  public record Selection(List<Target> targets, Map<String, String> rejected, List<String> unmatched) {
    public Selection {
      targets = List.copyOf(targets);
      rejected = Map.copyOf(rejected);
      unmatched = List.copyOf(unmatched);
    }
  }

  private record Rule(String path, Selector selector, List<CollectorSpec> collectors, Credentials credentials,
      OptionalInt port, Duration timeout, Optional<Set<String>> labels) {}

  private final List<Rule> rules;
  private final int defaultPort;
  private final CollectorRegistry registry;

  private TargetPolicy(List<Rule> rules, int defaultPort, CollectorRegistry registry) {
    this.rules = List.copyOf(rules);
    this.defaultPort = defaultPort;
    this.registry = registry;
  }

  /**
   * Reads {@code telemetry.inventory.credentials} and {@code telemetry.inventory.policies} of a
   * resolved {@code telemetry} block. Mistakes are refused naming the setting's path.
   */
  public static TargetPolicy load(Config telemetry, CollectorRegistry registry) {
    return load(telemetry, registry, System::getenv);
  }

  static TargetPolicy load(Config telemetry, CollectorRegistry registry, Function<String, String> env) {
    Objects.requireNonNull(registry, "registry");
    Config defaults = telemetry.getConfig("defaults");
    Config inventory = telemetry.hasPath("inventory") ? telemetry.getConfig("inventory") : ConfigFactory.empty();
    Map<String, Credentials> credentials = inventory.hasPath("credentials")
        ? CredentialSets.load(inventory.getConfig("credentials"), "telemetry.inventory.credentials", env)
        : Map.of();
    List<? extends Config> entries;
    try {
      entries = inventory.hasPath("policies") ? inventory.getConfigList("policies") : List.of();
    } catch (ConfigException.WrongType e) {
      throw new ConfigException.WrongType(inventory.origin(), "telemetry.inventory.policies", "list of policy objects",
          "something else");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      rules.add(rule(entries.get(i), "telemetry.inventory.policies[" + i + "]", defaults, credentials, registry));
    }
    return new TargetPolicy(rules, defaults.getInt("port"), registry);
  }

  private static Rule rule(Config entry, String path, Config defaults, Map<String, Credentials> credentials,
      CollectorRegistry registry) {
    for (String key : entry.root().keySet()) {
      if (!KEYS.contains(key)) {
        throw new ConfigException.BadPath(entry.origin(), path + "." + key, "unknown key; expected one of " + new TreeSet<>(KEYS));
      }
    }
    Selector selector = Selector.all();
    Optional<String> expression = TargetConfigLoader.optionalString(entry, "select", path);
    if (expression.isPresent()) {
      try {
        selector = Selector.parse(expression.get());
      } catch (SelectorSyntaxException e) {
        throw new ConfigException.BadValue(entry.origin(), path + ".select", e.getMessage());
      }
    }
    List<CollectorSpec> collectors = TargetConfigLoader.collectors(entry, defaults, path, path, registry);
    Duration timeout = TargetConfigLoader.duration(entry, defaults, "timeout", path);
    OptionalInt port = OptionalInt.empty();
    if (entry.hasPath("port")) {
      int p = entry.getInt("port");
      if (p < 1 || p > 65535) {
        throw new ConfigException.BadValue(entry.origin(), path + ".port", "port " + p + " is outside 1..65535");
      }
      port = OptionalInt.of(p);
    }
    Credentials login = new Credentials("", Optional.empty(), Optional.empty());
    Optional<String> name = TargetConfigLoader.optionalString(entry, "credentials", path);
    if (name.isPresent()) {
      login = credentials.get(name.get());
      if (login == null) {
        throw new ConfigException.BadValue(entry.origin(), path + ".credentials", "no credential set \"" + name.get()
            + "\" under telemetry.inventory.credentials; known: " + new TreeSet<>(credentials.keySet()));
      }
    }
    Optional<Set<String>> labels = entry.hasPath("labels")
        ? Optional.of(Set.copyOf(new LinkedHashSet<>(entry.getStringList("labels"))))
        : Optional.empty();
    return new Rule(path, selector, collectors, login, port, timeout, labels);
  }

  /**
   * The target for a resource: built by the first policy that selects it; empty when none does.
   *
   * @throws IllegalArgumentException when the selecting policy cannot poll the resource (e.g. an
   *     SSH collector without credentials, or collector settings that do not fit it), naming the
   *     target and the policy
   */
  public Optional<Target> apply(Resource resource) {
    for (Rule rule : rules) {
      if (rule.selector().matches(resource::attribute)) {
        return Optional.of(build(rule, resource));
      }
    }
    return Optional.empty();
  }

  /** Applies the policies to every resource, collecting the targets and what was left out. */
  public Selection select(Collection<Resource> resources) {
    List<Target> targets = new ArrayList<>();
    Map<String, String> rejected = new LinkedHashMap<>();
    List<String> unmatched = new ArrayList<>();
    for (Resource resource : resources) {
      try {
        apply(resource).ifPresentOrElse(targets::add, () -> unmatched.add(resource.id()));
      } catch (IllegalArgumentException e) {
        rejected.put(resource.id(), e.getMessage());
      }
    }
    return new Selection(targets, rejected, unmatched);
  }

  /** Number of policies. */
  public int size() {
    return rules.size();
  }

  private Target build(Rule rule, Resource resource) {
    String where = "target \"" + resource.id() + "\" (selected by " + rule.path() + ")";
    int port = resource.port().orElse(rule.port().orElse(defaultPort));
    Map<String, String> labels = new LinkedHashMap<>();
    resource.attributes().forEach((name, value) -> {
      if (rule.labels().map(keep -> keep.contains(name)).orElse(true)) {
        labels.put(name, value);
      }
    });
    Target target = new Target(resource.id(), resource.host(), port, rule.credentials(), rule.collectors(), rule.timeout(),
        labels);
    try {
      if (registry.usesSsh(target) && rule.credentials().username().isEmpty()) {
        throw new IllegalArgumentException("a collector logs in over SSH but the policy names no credentials");
      }
      registry.validate(target);
    } catch (ConfigException | IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    return target;
  }
}
