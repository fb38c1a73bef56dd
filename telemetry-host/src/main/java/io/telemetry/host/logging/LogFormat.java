package io.telemetry.host.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Set;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * {@code telemetry.logging.format}: {@code text} keeps the patterns of the logback configuration;
 * {@code json} switches every console and file appender to logback's own {@link JsonEncoder}
 * (one JSON object per line: timestamp, level, threadName, loggerName, the MDC, e.g.
 * {@code "mdc": {"device": "edge1"}}, formattedMessage and throwable), so no
 * further logging library is needed.
 */
public final class LogFormat {

  public static final String PATH = "telemetry.logging.format";

  private LogFormat() {}

  /** Applies the format of the {@code telemetry} block to the running logback, if logback is the binding. */
  public static void apply(Config telemetry) {
    String format = format(telemetry);
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      apply(context, format);
    }
  }

  /** The configured format, checked. */
  public static String format(Config telemetry) {
    String format = telemetry.getString("logging.format");
    if (!format.equals("text") && !format.equals("json")) {
      throw new ConfigException.BadValue(telemetry.getValue("logging.format").origin(), PATH,
          "must be text or json, was '" + format + "'");
    }
    return format;
  }

  /** Switches every output appender of {@code context} to JSON when {@code format} is {@code json}. */
  public static void apply(LoggerContext context, String format) {
    if (!format.equals("json")) {
      return;
    }
    Set<Appender<ILoggingEvent>> done = Collections.newSetFromMap(new IdentityHashMap<>());
    for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> appender = it.next();
        if (appender instanceof OutputStreamAppender<ILoggingEvent> output && done.add(appender)
            && !(output.getEncoder() instanceof JsonEncoder)) {
          JsonEncoder json = new JsonEncoder();
          json.setContext(context);
          // The message as an operator reads it, not the template and its arguments.
          json.setWithFormattedMessage(true);
          json.setWithMessage(false);
          json.setWithArguments(false);
          json.setWithContext(false);
          json.start();
          // Swapped in place: stopping the appender would close its stream (for good, unless it
          // is a console or a file that start() reopens).
          output.setEncoder(json);
        }
      }
    }
  }
}
