package io.telemetry.pipeline;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's stream: a bounded queue of poll batches feeding a sink, with every delivery and
 * failure counted. Back-pressure from the sink fills the queue; a full queue makes device actors
 * defer polls. Nothing in it is unbounded.
 */
public final class SamplePipeline implements PipelineEntry {

  private static final Logger log = LoggerFactory.getLogger(SamplePipeline.class);

  private final BoundedSourceQueue<PollBatch> queue;
  private final int capacity;
  private final CompletionStage<Done> drained;

  private SamplePipeline(BoundedSourceQueue<PollBatch> queue, int capacity, CompletionStage<Done> drained) {
    this.queue = queue;
    this.capacity = capacity;
    this.drained = drained;
  }

  public static SamplePipeline start(ActorSystem<?> system, int capacity, SampleSink sink, PipelineMetrics metrics) {
    Pair<BoundedSourceQueue<PollBatch>, CompletionStage<Done>> running = Source.<PollBatch>queue(capacity)
        // Small stream buffers: the entry queue is the place where batches wait, so its capacity
        // (plus the sink's in-flight batches) bounds what the node holds.
        .via(sink.flow().addAttributes(Attributes.inputBuffer(1, 1)))
        .toMat(Sink.foreach(delivery -> {
          if (delivery.delivered()) {
            metrics.delivered(delivery.batch());
          } else {
            metrics.failed(delivery.batch());
            log.error("sink {}: {} samples of device {} not delivered: {}", delivery.sink(),
                delivery.batch().samples().size(), delivery.batch().device(),
                delivery.failure().map(Throwable::toString).orElse("?"));
          }
        }), Keep.both())
        .run(system);
    return new SamplePipeline(running.first(), capacity, running.second());
  }

  @Override
  public boolean hasRoom() {
    return queue.size() < capacity;
  }

  @Override
  public boolean offer(PollBatch batch) {
    QueueOfferResult result = queue.offer(batch);
    if (result == QueueOfferResult.enqueued()) {
      return true;
    }
    if (result instanceof QueueOfferResult.Failure failure) {
      throw new IllegalStateException("pipeline stream failed", failure.cause());
    }
    if (result == QueueOfferResult.closed()) {
      throw new IllegalStateException("pipeline stream is closed");
    }
    return false; // dropped: the queue is full, the caller keeps the batch
  }

  @Override
  public int depth() {
    return queue.size();
  }

  @Override
  public int capacity() {
    return capacity;
  }

  /** Takes no more batches; those queued still go to the sink. */
  public void complete() {
    queue.complete();
  }

  /** Completes when every batch taken has been delivered or failed and the stream ended. */
  public CompletionStage<Done> drained() {
    return drained;
  }
}
