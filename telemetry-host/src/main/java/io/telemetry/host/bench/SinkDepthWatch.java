package io.telemetry.host.bench;

import io.telemetry.pipeline.SinkCounters;
import java.util.HashMap;
import java.util.Map;

/**
 * The deepest each sink's buffer was seen, over the run and over a window (the steady state).
 * The buffer reports its depth on every change; the bench reads it every second, so a burst that
 * fills and empties between two readings is missed: the maxima are of those readings.
 */
final class SinkDepthWatch {

  private final Map<String, Integer> run = new HashMap<>();
  private final Map<String, Integer> window = new HashMap<>();
  private boolean windowStarted;

  void sample(Map<String, SinkCounters.Snapshot> sinks) {
    sinks.forEach((name, counters) -> {
      run.merge(name, counters.bufferDepth(), Math::max);
      if (windowStarted) {
        window.merge(name, counters.bufferDepth(), Math::max);
      }
    });
  }

  /** From now on readings count towards the window too. */
  void startWindow() {
    windowStarted = true;
  }

  Map<String, Integer> runMax() {
    return Map.copyOf(run);
  }

  Map<String, Integer> windowMax() {
    return Map.copyOf(window);
  }
}
