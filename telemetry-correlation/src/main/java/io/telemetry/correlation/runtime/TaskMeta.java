package io.telemetry.correlation.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a partition task keeps besides its keys' states, under the reserved changelog key
 * {@link #KEY}: the highest sample time seen per input topic (the lateness reference) and the
 * watermark reached. Restored with the keys, so a replay judges lateness exactly as the original
 * run did.
 *
 * @param maxTimes  per input topic of this partition, the highest sample time evaluated
 * @param watermark the task's watermark, or null before any input delivered a record
 */
public record TaskMeta(Map<String, Instant> maxTimes, Instant watermark) {

  /** Cannot collide with a correlation key: keys start with a device id. */
  public static final String KEY = "\u0000task";

  public static final TaskMeta EMPTY = new TaskMeta(Map.of(), null);

  public TaskMeta {
    maxTimes = new TreeMap<>(maxTimes == null ? Map.of() : maxTimes);
  }
}
