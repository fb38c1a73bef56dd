package io.telemetry.host.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gets every problem of one element (a target, a policy, a credential set, a source) out of the
 * node's own loaders, which stop at the first: load, report what it refused, set that setting
 * aside, load again, until it loads or nothing more can be set aside. Setting aside removes the
 * value (so the default applies), except where removing would cause a second, misleading error:
 * an unknown collector type becomes a placeholder type that accepts anything, an unreadable
 * private key becomes a readable file, an unset password-env becomes a password.
 */
final class ElementCheck {

  /** Loads one element the way the node does; throws what the node would throw. */
  interface Loader {
    void load(ConfigObject element);
  }

  /** A collector type that accepts any settings: stands in for an unknown one. */
  static final String PLACEHOLDER_COLLECTOR = "config-check-placeholder";

  private static final int MAX_ROUNDS = 64;

  private final Problems problems;
  private final ConfigCheck.Options options;
  private final String readableFile;

  /** @param readableFile a file that exists and is readable (stands in for an unreadable key) */
  ElementCheck(Problems problems, ConfigCheck.Options options, String readableFile) {
    this.problems = problems;
    this.options = options;
    this.readableFile = readableFile;
  }

  /**
   * @param path       the element's real path, e.g. {@code telemetry.targets[3]}
   * @param loaderPath the path the loader gives it (it sees the element alone, e.g. at index 0)
   */
  void run(ConfigObject element, String path, String loaderPath, Loader loader) {
    ConfigObject current = element;
    Set<String> setAside = new HashSet<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Problems.Parsed parsed;
      ConfigException cause;
      try {
        loader.load(current);
        return;
      } catch (ConfigException e) {
        parsed = Problems.parse(e);
        cause = e;
      } catch (IllegalArgumentException e) {
        parsed = Problems.parse(String.valueOf(e.getMessage()));
        cause = null;
      }
      String at = parsed.path().map(p -> p.replace(loaderPath, path)).orElse(path);
      String message = parsed.message().replace(loaderPath, path);
      String relative = relative(at, path);
      boolean fileProblem = relative != null && relative.endsWith("private-key") && message.contains("not readable");
      if (!(fileProblem && !options.checkFiles())) {
        problems.add(at, cause == null ? current.origin() : cause.origin(), message);
      }
      if (relative == null || relative.isEmpty() || !setAside.add(relative)) {
        return;
      }
      Optional<ConfigObject> next = setAside(current, relative, message);
      if (next.isEmpty()) {
        return;
      }
      current = next.get();
    }
  }

  private Optional<ConfigObject> setAside(ConfigObject element, String relative, String message) {
    Optional<List<ConfigPaths.Step>> steps = ConfigPaths.parse(relative);
    if (steps.isEmpty() || ConfigPaths.find(element, steps.get()).isEmpty()) {
      return Optional.empty();
    }
    ConfigValue replacement = null;
    if (message.contains("unknown collector")) {
      replacement = ConfigValueFactory.fromAnyRef(PLACEHOLDER_COLLECTOR);
    } else if (relative.endsWith("private-key")) {
      replacement = ConfigValueFactory.fromAnyRef(readableFile);
    } else if (relative.endsWith("password-env")) {
      List<ConfigPaths.Step> password = new java.util.ArrayList<>(steps.get());
      password.set(password.size() - 1, new ConfigPaths.Step("password", -1));
      return ConfigPaths.replace(element, steps.get(), null)
          .flatMap(v -> ConfigPaths.replace(v, password, ConfigValueFactory.fromAnyRef("config-check")))
          .map(ConfigObject.class::cast);
    }
    return ConfigPaths.replace(element, steps.get(), replacement).map(ConfigObject.class::cast);
  }

  /** The part of {@code at} below {@code path}; null when {@code at} is not within it. */
  private static String relative(String at, String path) {
    if (at.equals(path)) {
      return "";
    }
    if (at.startsWith(path + ".")) {
      return at.substring(path.length() + 1);
    }
    if (at.startsWith(path + "[")) {
      return at.substring(path.length());
    }
    return null;
  }
}
