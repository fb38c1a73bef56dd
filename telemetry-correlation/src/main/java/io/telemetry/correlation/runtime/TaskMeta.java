package io.telemetry.correlation.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a partition task keeps besides its keys' states, under the reserved changelog key
 * {@link #KEY}: the highest sample time seen per input topic (the lateness reference), the time
 * of the task's first record (from which an input that never delivered stops holding the watermark
 * back) and the watermark reached. Restored with the keys, so a replay judges lateness and moves
 * the watermark exactly as the original run did.
 *
 * @param maxTimes  per input topic of this partition, the highest sample time evaluated
 * @param watermark the task's watermark, or null before it first moved
 * @param firstTime the sample time of the task's first record, or null before any record (also in
 *                  metadata written before this field existed)
 */
public record TaskMeta(Map<String, Instant> maxTimes, Instant watermark, Instant firstTime) {

  /** Cannot collide with a correlation key: keys start with a device id. */
  public static final String KEY = "\u0000task";

  public static final TaskMeta EMPTY = new TaskMeta(Map.of(), null, null);

  public TaskMeta {
    maxTimes = new TreeMap<>(maxTimes == null ? Map.of() : maxTimes);
  }
}
