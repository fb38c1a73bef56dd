package io.telemetry.inventory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Named logins that policies refer to, from {@code telemetry.inventory.credentials}:
 *
 * <pre>
 * credentials {
 *   core { username = telemetry, password-env = "CORE_PASSWORD" }
 *   lab  { username = lab, password = ${?LAB_PASSWORD}, private-key = "/etc/telemetry/lab_ed25519" }
 * }
 * </pre>
 *
 * {@code password-env} names an environment variable read when the configuration loads (an unset
 * one is an error naming the setting), so the secret never sits in a file.
 */
final class CredentialSets {

  private static final Set<String> KEYS = Set.of("username", "password", "password-env", "private-key");

  private CredentialSets() {}

  /**
   * @param path the block's path for errors ({@code telemetry.inventory.credentials})
   * @param env  the environment ({@code System::getenv})
   */
  static Map<String, Credentials> load(Config block, String path, Function<String, String> env) {
    Map<String, Credentials> sets = new LinkedHashMap<>();
    for (String name : block.root().keySet()) {
      String at = path + "." + name;
      Config set;
      try {
        set = block.getConfig(ConfigUtil.quoteString(name));
      } catch (ConfigException.WrongType e) {
        throw new ConfigException.WrongType(block.origin(), at, "object { username, password ... }", "something else");
      }
      for (String key : set.root().keySet()) {
        if (!KEYS.contains(key)) {
          throw new ConfigException.BadPath(set.origin(), at + "." + key, "unknown key; expected one of " + new TreeSet<>(KEYS));
        }
      }
      String username = TargetConfigLoader.requiredString(set, "username", at);
      Optional<String> password = TargetConfigLoader.optionalString(set, "password", at);
      Optional<String> variable = TargetConfigLoader.optionalString(set, "password-env", at);
      if (password.isPresent() && variable.isPresent()) {
        throw new ConfigException.BadValue(set.origin(), at + ".password-env", "set either password or password-env, not both");
      }
      if (variable.isPresent()) {
        String value = env.apply(variable.get());
        if (value == null || value.isEmpty()) {
          throw new ConfigException.BadValue(set.origin(), at + ".password-env",
              "credential set \"" + name + "\": environment variable " + variable.get() + " is not set");
        }
        password = Optional.of(value);
      }
      Optional<Path> key = TargetConfigLoader.optionalString(set, "private-key", at).map(Path::of);
      if (key.isPresent() && !Files.isReadable(key.get())) {
        throw new ConfigException.BadValue(set.origin(), at + ".private-key",
            "credential set \"" + name + "\": private key file " + key.get() + " is not readable");
      }
      if (password.isEmpty() && key.isEmpty()) {
        throw new ConfigException.BadValue(set.origin(), at,
            "credential set \"" + name + "\" has neither password, password-env nor private-key");
      }
      sets.put(name, new Credentials(username, password, key));
    }
    return sets;
  }
}
