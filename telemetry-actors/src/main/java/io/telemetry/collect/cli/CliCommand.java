package io.telemetry.collect.cli;

import java.util.Objects;
import java.util.Optional;

/**
 * One configured command of a {@code cli} collector.
 *
 * @param command the command line run on an exec channel, e.g. {@code show interfaces extensive | display xml}
 * @param format  how its output is read
 * @param recipe  for {@link CliFormat#REGEX} only: the pattern and what its groups mean
 */
public record CliCommand(String command, CliFormat format, Optional<RegexRecipe> recipe) {

  public CliCommand {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(recipe, "recipe");
    if ((format == CliFormat.REGEX) != recipe.isPresent()) {
      throw new IllegalArgumentException("a recipe is required for format regex and only for it: " + command);
    }
  }

  public static CliCommand junos(String command, CliFormat format) {
    return new CliCommand(command, format, Optional.empty());
  }

  public static CliCommand regex(String command, RegexRecipe recipe) {
    return new CliCommand(command, CliFormat.REGEX, Optional.of(recipe));
  }
}
