package io.telemetry.collect;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * One collector of a target, as configured: its type, its own interval, and its own settings
 * (the rest of its HOCON block, e.g. an SNMP community or a CLI command).
 *
 * @param path where the block is in the config, for error messages (e.g. {@code telemetry.targets[2].collectors[1]})
 */
public record CollectorSpec(String type, Duration interval, Config settings, String path) {

  public CollectorSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(path, "path");
  }

  public static CollectorSpec of(String type, Duration interval) {
    return new CollectorSpec(type, interval, ConfigFactory.empty(), "collector");
  }

  @Override
  public String toString() {
    return "CollectorSpec[" + type + " every " + interval + "]";
  }
}
