package io.telemetry.host;

import com.typesafe.config.ConfigException;
import io.telemetry.host.config.InvalidConfigException;
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
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidConfigException invalid) {
        // The same lines as `telemetry config check FILE`, so a refused start says everything at once.
        invalid.report().lines().forEach(cmd.getErr()::println);
        cmd.getErr().flush();
        return CONFIG_ERROR;
      }
    }
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
