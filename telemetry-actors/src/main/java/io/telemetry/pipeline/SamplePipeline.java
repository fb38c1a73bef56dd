package io.telemetry.pipeline;

import io.telemetry.logging.DeviceMdc;
import io.telemetry.sample.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Broadcast;
import org.apache.pekko.stream.javadsl.Flow;
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

  /** Starts the stream: the bounded entry, then every sink behind its own buffer. */
  public static SamplePipeline start(ActorSystem<?> system, int capacity, List<SinkBranch> branches,
      PipelineMetrics metrics) {
    return run(system, capacity, branches, metrics, null);
  }

  /**
   * As {@link #start(ActorSystem, int, List, PipelineMetrics)}, with {@code enrich} applied to
   * every sample after the entry and before the sinks (e.g. inventory and external-map tags). It
   * runs in the stream, so it must be cheap and never block; a sample it throws on goes on
   * unchanged (logged), so enrichment can never stop delivery.
   */
  public static SamplePipeline start(ActorSystem<?> system, int capacity, List<SinkBranch> branches,
      PipelineMetrics metrics, UnaryOperator<Sample> enrich) {
    return run(system, capacity, branches, metrics, Objects.requireNonNull(enrich, "enrich"));
  }

  private static SamplePipeline run(ActorSystem<?> system, int capacity, List<SinkBranch> branches,
      PipelineMetrics metrics, UnaryOperator<Sample> enrich) {
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("the pipeline needs at least one sink");
    }
    List<Sink<PollBatch, CompletionStage<Done>>> sinks = new ArrayList<>();
    for (SinkBranch branch : branches) {
      sinks.add(branchSink(branch, metrics));
    }
    Source<PollBatch, BoundedSourceQueue<PollBatch>> entry = Source.<PollBatch>queue(capacity);
    if (enrich != null) {
      entry = entry.map(batch -> enriched(batch, enrich));
    }
    Pair<BoundedSourceQueue<PollBatch>, List<CompletionStage<Done>>> running = entry
        .toMat(combine(sinks), Keep.both())
        .run(system);
    CompletableFuture<?>[] all = running.second().stream().map(CompletionStage::toCompletableFuture)
        .toArray(CompletableFuture[]::new);
    return new SamplePipeline(running.first(), capacity,
        CompletableFuture.allOf(all).thenApply(v -> Done.getInstance()));
  }

  private static PollBatch enriched(PollBatch batch, UnaryOperator<Sample> enrich) {
    List<Sample> samples = new ArrayList<>(batch.samples().size());
    for (Sample sample : batch.samples()) {
      try {
        samples.add(enrich.apply(sample));
      } catch (RuntimeException e) {
        DeviceMdc.log(batch.device(), () -> log.warn("enrichment of a {} sample of device {} failed; delivering it without enrichment tags",
            sample.family(), batch.device(), e));
        samples.add(sample);
      }
    }
    return new PollBatch(batch.device(), samples);
  }

  private static Sink<PollBatch, List<CompletionStage<Done>>> combine(List<Sink<PollBatch, CompletionStage<Done>>> sinks) {
    if (sinks.size() == 1) {
      return sinks.get(0).mapMaterializedValue(List::of);
    }
    // Broadcast: a batch goes to every sink; a sink whose buffer back-pressures holds all of them.
    return Sink.combine(sinks, n -> Broadcast.<PollBatch>create(n));
  }

  private static Sink<PollBatch, CompletionStage<Done>> branchSink(SinkBranch branch, PipelineMetrics metrics) {
    SampleSink sink = branch.sink();
    SinkCounters counters = metrics.sink(sink.name());
    return Flow.<PollBatch>create()
        .via(new SinkBuffer<PollBatch>(branch.bufferBatches(), branch.overflow(), dropped -> {
          counters.dropped(dropped.samples().size());
          if (branch.primary()) {
            metrics.failed(dropped);
          }
          DeviceMdc.log(dropped.device(), () -> log.warn("sink {}: buffer full, dropped the oldest batch ({} samples of device {})",
              sink.name(), dropped.samples().size(), dropped.device()));
        }, counters::bufferDepth))
        // Small stream buffers: the entry and the sink buffers are where batches wait, so their
        // capacities (plus each sink's in-flight batches) bound what the node holds.
        .via(sink.flow(counters).addAttributes(Attributes.inputBuffer(1, 1)))
        .toMat(Sink.foreach(delivery -> record(delivery, branch.primary(), counters, metrics)), Keep.right());
  }

  private static void record(BatchDelivery delivery, boolean primary, SinkCounters counters, PipelineMetrics metrics) {
    PollBatch batch = delivery.batch();
    if (delivery.delivered()) {
      counters.written(batch.samples().size(), batch.pointCount());
      if (primary) {
        metrics.delivered(batch);
      }
    } else {
      counters.failed(batch.samples().size());
      if (primary) {
        metrics.failed(batch);
      }
      DeviceMdc.log(batch.device(), () -> log.error("sink {}: {} samples of device {} not delivered: {}", delivery.sink(),
          batch.samples().size(), batch.device(), delivery.failure().map(Throwable::getMessage).orElse("?")));
    }
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
