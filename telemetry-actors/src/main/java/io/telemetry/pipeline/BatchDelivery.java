package io.telemetry.pipeline;

import java.util.Optional;

/**
 * The outcome of handing one batch to one sink: delivered (acknowledged by the sink) or failed
 * with the cause. Sinks report failures as values so that one bad batch never stops the stream.
 */
public record BatchDelivery(String sink, PollBatch batch, Optional<Throwable> failure) {

  public static BatchDelivery delivered(String sink, PollBatch batch) {
    return new BatchDelivery(sink, batch, Optional.empty());
  }

  public static BatchDelivery failed(String sink, PollBatch batch, Throwable cause) {
    return new BatchDelivery(sink, batch, Optional.of(cause));
  }

  public boolean delivered() {
    return failure.isEmpty();
  }
}
