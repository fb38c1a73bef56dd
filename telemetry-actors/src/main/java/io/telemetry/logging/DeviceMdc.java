package io.telemetry.logging;

import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The logging context (MDC key {@value #KEY}) that names the device a log line is about. Device
 * actors set it with {@code Behaviors.withMdc}; work a device runs on other threads (blocking I/O)
 * sets it here, so that what collectors and SSH code log there names the device too.
 */
public final class DeviceMdc {

  public static final String KEY = "device";

  private DeviceMdc() {}

  /** {@code work}, run with the device in the MDC of whichever thread runs it. */
  public static <T> Supplier<T> around(String deviceId, Supplier<T> work) {
    return () -> {
      String outer = MDC.get(KEY);
      MDC.put(KEY, deviceId);
      try {
        return work.get();
      } finally {
        restore(outer);
      }
    };
  }

  /** As {@link #around(String, Supplier)} for work without a result. */
  public static Runnable around(String deviceId, Runnable work) {
    Supplier<Void> supplier = around(deviceId, () -> {
      work.run();
      return null;
    });
    return supplier::get;
  }

  /** Runs {@code log} (a log call about the device) with the device in the MDC, on this thread. */
  public static void log(String deviceId, Runnable log) {
    around(deviceId, log).run();
  }

  private static void restore(String outer) {
    if (outer == null) {
      MDC.remove(KEY);
    } else {
      MDC.put(KEY, outer);
    }
  }
}
