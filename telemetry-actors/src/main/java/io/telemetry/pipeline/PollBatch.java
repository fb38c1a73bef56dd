package io.telemetry.pipeline;

import io.telemetry.sample.Sample;
import java.util.List;

/**
 * The samples of one poll of one device: the unit that enters the pipeline, is sent to the sinks
 * and is acknowledged back to the device's counters.
 */
public record PollBatch(String device, List<Sample> samples) {
  public PollBatch {
    samples = List.copyOf(samples);
  }

  public int pointCount() {
    int points = 0;
    for (Sample s : samples) {
      points += s.pointCount();
    }
    return points;
  }
}
