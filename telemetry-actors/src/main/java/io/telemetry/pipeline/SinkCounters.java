package io.telemetry.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One sink's counters: samples and points written (acknowledged), failed, dropped by its buffer,
 * rejected by the destination as bad data; write requests retried; batches in its buffer.
 * Write-only from the sink's stream, read by reporters (see {@link PipelineMetrics}).
 */
public final class SinkCounters {

  private final String sink;
  private final LongAdder writtenSamples = new LongAdder();
  private final LongAdder writtenPoints = new LongAdder();
  private final LongAdder failedSamples = new LongAdder();
  private final LongAdder droppedSamples = new LongAdder();
  private final LongAdder rejectedPoints = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final AtomicInteger bufferDepth = new AtomicInteger();

  SinkCounters(String sink) {
    this.sink = sink;
  }

  /** A reading of the counters. */
  public record Snapshot(String sink, long writtenSamples, long writtenPoints, long failedSamples,
      long droppedSamples, long rejectedPoints, long retries, int bufferDepth) {}

  public void written(int samples, int points) {
    writtenSamples.add(samples);
    writtenPoints.add(points);
  }

  public void failed(int samples) {
    failedSamples.add(samples);
  }

  public void dropped(int samples) {
    droppedSamples.add(samples);
  }

  public void rejected(int points) {
    rejectedPoints.add(points);
  }

  public void retried() {
    retries.increment();
  }

  void bufferDepth(int depth) {
    bufferDepth.set(depth);
  }

  public Snapshot snapshot() {
    return new Snapshot(sink, writtenSamples.sum(), writtenPoints.sum(), failedSamples.sum(),
        droppedSamples.sum(), rejectedPoints.sum(), retries.sum(), bufferDepth.get());
  }
}
