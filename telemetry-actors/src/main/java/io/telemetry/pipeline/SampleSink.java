package io.telemetry.pipeline;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * A destination for poll batches (Kafka, InfluxDB, ...). Its flow emits one {@link BatchDelivery}
 * per batch once the destination acknowledged it, reports failures as values, and never fails
 * the stream because the destination is unavailable.
 */
public interface SampleSink {

  String name();

  /** @param counters where the sink counts what only it can see (retries, rejected points) */
  Flow<PollBatch, BatchDelivery, NotUsed> flow(SinkCounters counters);
}
