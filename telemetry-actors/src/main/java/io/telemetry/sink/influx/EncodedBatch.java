package io.telemetry.sink.influx;

import io.telemetry.pipeline.PollBatch;
import java.util.List;

/** A poll batch with its samples encoded; {@code lines()} are the samples that have a line. */
record EncodedBatch(PollBatch batch, List<EncodedSample> samples) {

  EncodedBatch {
    samples = List.copyOf(samples);
  }

  static EncodedBatch of(PollBatch batch, InfluxPointEncoder encoder) {
    return new EncodedBatch(batch, batch.samples().stream().map(encoder::encode).toList());
  }

  List<EncodedSample> lines() {
    return samples.stream().filter(EncodedSample::hasLine).toList();
  }

  int lineCount() {
    int lines = 0;
    for (EncodedSample s : samples) {
      lines += s.hasLine() ? 1 : 0;
    }
    return lines;
  }

  int skippedValues() {
    int skipped = 0;
    for (EncodedSample s : samples) {
      skipped += s.skipped().size();
    }
    return skipped;
  }
}
