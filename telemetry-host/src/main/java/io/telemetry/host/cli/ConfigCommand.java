package io.telemetry.host.cli;

import picocli.CommandLine.Command;

/** {@code telemetry config ...}: configuration tools. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Configuration tools.",
    subcommands = ConfigCheckCommand.class)
public final class ConfigCommand {}
