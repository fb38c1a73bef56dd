package io.telemetry.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads a node's configuration: -D overrides, the operator's HOCON file, then Telemetry's node defaults
 * ({@code telemetry-node.conf}), then every library's reference.conf. Environment variables are
 * available for substitution ({@code password = ${?R1_PASSWORD}}).
 */
public final class TelemetryConfig {

  private TelemetryConfig() {}

  public static Config load(Optional<Path> file) {
    return load(file, ConfigFactory.empty());
  }

  /** {@code overrides} win over the file (used by the demo, the bench and tests). */
  public static Config load(Optional<Path> file, Config overrides) {
    Config user = ConfigFactory.empty();
    if (file.isPresent()) {
      Path path = file.get();
      if (!Files.isRegularFile(path)) {
        throw new ConfigException.IO(ConfigFactory.empty().origin(), "config file " + path + " does not exist");
      }
      user = ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    }
    // Precedence: explicit overrides, -D system properties, the file, node defaults, references.
    return overrides
        .withFallback(ConfigFactory.defaultOverrides())
        .withFallback(user)
        .withFallback(ConfigFactory.parseResources(TelemetryConfig.class.getClassLoader(), "telemetry-node.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve(ConfigResolveOptions.defaults());
  }
}
