package io.telemetry.pipeline;

/**
 * The bounded door between device actors and the node's stream. Offers never block: when the
 * entry is full the caller keeps its batch and defers its next poll.
 */
public interface PipelineEntry {

  /** True when a batch offered now would most likely be accepted. */
  boolean hasRoom();

  /** Hands a batch over; false when the entry is full (the caller still owns the batch). */
  boolean offer(PollBatch batch);

  /** Batches waiting in the entry. */
  int depth();

  int capacity();
}
