package io.telemetry.correlation.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event time of one partition task (pure, no I/O): per input topic the highest sample time seen,
 * whether a record is late, and the watermark.
 *
 * <p>The watermark is the minimum of {@code max - lateness} over the inputs that count, and never
 * moves backwards. An input counts once it has delivered a record, unless its max is more than
 * {@code inputIdle} behind the task's overall max (it lags or went silent; it counts again when it
 * catches up). An input that has not delivered yet holds the watermark where it is until the task
 * has seen event time advance by {@code inputIdle} from its first record's time; after that it is
 * ignored, so a task whose partition of one input stays empty still advances (and its keys' state
 * stays bounded). Without this an input that delivers first would move the watermark past records
 * the other input has not delivered yet, and rules that decide on settled records would miss them.
 */
public final class TaskWatermark {

  private final List<String> inputs;
  private final Duration lateness;
  private final Duration inputIdle;
  private final Map<String, Instant> maxTimes = new TreeMap<>();
  private Instant firstTime;
  private Instant watermark;

  /**
   * @param inputs    every input topic of the task (including those that have not delivered)
   * @param lateness  how far behind its input's max a record may be and still be evaluated
   * @param inputIdle see the class comment
   * @param restored  the committed metadata (or {@link TaskMeta#EMPTY})
   */
  public TaskWatermark(List<String> inputs, Duration lateness, Duration inputIdle, TaskMeta restored) {
    this.inputs = List.copyOf(inputs);
    this.lateness = lateness;
    this.inputIdle = inputIdle;
    maxTimes.putAll(restored.maxTimes());
    watermark = restored.watermark();
    firstTime = restored.firstTime() != null || maxTimes.isEmpty()
        ? restored.firstTime()
        : maxTimes.values().stream().min(Instant::compareTo).orElseThrow(); // metadata of an older version
  }

  /** The highest sample time seen on {@code topic}, or null before its first record. */
  public Instant maxOf(String topic) {
    return maxTimes.get(topic);
  }

  /** True when {@code time} is more than the lateness bound behind the highest time seen on {@code topic}. */
  public boolean isLate(String topic, Instant time) {
    Instant max = maxTimes.get(topic);
    return max != null && time.isBefore(max.minus(lateness));
  }

  /** Takes an evaluated record's time into account; true when the metadata changed. */
  public boolean observe(String topic, Instant time) {
    boolean changed = false;
    if (firstTime == null) {
      firstTime = time;
      changed = true;
    }
    Instant max = maxTimes.get(topic);
    if (max == null || time.isAfter(max)) {
      maxTimes.put(topic, time);
      changed = true;
    }
    return changed;
  }

  /** Moves the watermark as far as the inputs allow; true when it moved. */
  public boolean advance() {
    Instant candidate = candidate();
    if (candidate != null && (watermark == null || candidate.isAfter(watermark))) {
      watermark = candidate;
      return true;
    }
    return false;
  }

  /** The watermark, or null before it first moved. */
  public Instant watermark() {
    return watermark;
  }

  public TaskMeta meta() {
    return new TaskMeta(maxTimes, watermark, firstTime);
  }

  private Instant candidate() {
    if (maxTimes.isEmpty()) {
      return null;
    }
    Instant overall = maxTimes.values().stream().max(Instant::compareTo).orElseThrow();
    boolean silentInputsWaitedFor = overall.isBefore(firstTime.plus(inputIdle));
    if (silentInputsWaitedFor && inputs.stream().anyMatch(topic -> !maxTimes.containsKey(topic))) {
      return null;
    }
    Instant slowest = null;
    for (Instant max : maxTimes.values()) {
      boolean lagging = max.isBefore(overall.minus(inputIdle));
      if (!lagging && (slowest == null || max.isBefore(slowest))) {
        slowest = max;
      }
    }
    return slowest.minus(lateness);
  }
}
