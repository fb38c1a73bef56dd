package io.telemetry.pipeline;

/**
 * One sink of the pipeline with its own bounded buffer.
 *
 * @param bufferBatches poll batches the sink's buffer holds
 * @param overflow      what the buffer does when full
 * @param primary       whether this sink's acknowledgement is what counts a sample as delivered
 *                      (Kafka: the bus every consumer reads)
 */
public record SinkBranch(SampleSink sink, int bufferBatches, OverflowPolicy overflow, boolean primary) {}
