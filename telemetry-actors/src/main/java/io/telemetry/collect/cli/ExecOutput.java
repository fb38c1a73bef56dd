package io.telemetry.collect.cli;

import java.util.OptionalInt;

/**
 * What one command printed and how it ended.
 *
 * @param exitStatus the remote exit status, when the server sent one
 * @param exitSignal the signal that ended the command, when one did
 */
public record ExecOutput(String stdout, String stderr, OptionalInt exitStatus, String exitSignal) {}
