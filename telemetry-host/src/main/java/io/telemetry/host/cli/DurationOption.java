package io.telemetry.host.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A command-line option given as a HOCON duration ({@code 20s}, {@code 1m}, {@code 500ms}). */
final class DurationOption {

  private DurationOption() {}

  /** @throws ParameterException naming the option, so picocli prints it with the usage */
  static Duration parse(CommandSpec spec, String option, String text) {
    try {
      return ConfigFactory.parseString("d = \"" + text + "\"").getDuration("d");
    } catch (ConfigException e) {
      throw new ParameterException(spec.commandLine(), option + ": '" + text + "' is not a duration such as 20s or 1m", e);
    }
  }
}
