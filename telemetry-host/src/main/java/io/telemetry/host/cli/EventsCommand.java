package io.telemetry.host.cli;

import picocli.CommandLine.Command;

/** {@code telemetry events ...}: tools for correlated event topics. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Read correlated event topics.",
    subcommands = EventsTailCommand.class)
public final class EventsCommand {}
