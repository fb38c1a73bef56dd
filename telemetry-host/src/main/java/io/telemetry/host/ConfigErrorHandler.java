package io.telemetry.host;

import com.typesafe.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns configuration mistakes into one clear line (with the setting's path and file position)
 * and exit code 2, instead of a stack trace. Anything else is reported with its trace.
 */
final class ConfigErrorHandler implements IExecutionExceptionHandler {

  static final int CONFIG_ERROR = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    Throwable cause = e;
    while (cause != null && !(cause instanceof ConfigException)) {
      cause = cause.getCause();
    }
    if (cause != null) {
      cmd.getErr().println("config error: " + cause.getMessage());
      return CONFIG_ERROR;
    }
    cmd.getErr().println("telemetry " + cmd.getCommandName() + " failed: " + e);
    e.printStackTrace(cmd.getErr());
    return 1;
  }
}
