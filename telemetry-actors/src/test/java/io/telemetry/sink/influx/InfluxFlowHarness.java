package io.telemetry.sink.influx;

import com.typesafe.config.ConfigFactory;
import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.pipeline.SinkCounters;
import io.telemetry.sample.Sample;
import io.telemetry.testsupport.RecordingHttpServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Runs the sink's flow from an open queue (so only size or time can trigger a write) into a list
 * of deliveries, with the sink's counters at hand. Also makes the test samples.
 */
final class InfluxFlowHarness implements AutoCloseable {

  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  final SinkCounters counters = new PipelineMetrics().sink(InfluxSampleSink.NAME);
  private final BoundedSourceQueue<PollBatch> queue;
  private final List<BatchDelivery> deliveries = Collections.synchronizedList(new ArrayList<>());
  private final CompletionStage<Done> done;
  private boolean completed;

  InfluxFlowHarness(ActorSystem<?> system, InfluxSinkSettings settings) {
    Pair<BoundedSourceQueue<PollBatch>, CompletionStage<Done>> running = Source.<PollBatch>queue(1000)
        .via(new InfluxSampleSink(settings).flow(counters))
        .toMat(Sink.foreach(deliveries::add), Keep.both())
        .run(system);
    this.queue = running.first();
    this.done = running.second();
  }

  /** The reference defaults with {@code overrides} (inside {@code telemetry.influx}) and the server's URL. */
  static InfluxSinkSettings settings(URI url, String overrides) {
    return InfluxSinkSettings.fromConfig(ConfigFactory.parseString("telemetry.influx {" + overrides + "}")
        .withFallback(ConfigFactory.parseString(
            "telemetry.influx { token = \"\", username = \"\", password = \"\", url = \"" + url + "\" }"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve()
        .getConfig("telemetry.influx"));
  }

  /** A poll of {@code device} with one sample per interface ge-0/0/{first}..: counter in_octets and gauge oper_status. */
  static PollBatch batch(String device, int first, int samples) {
    List<Sample> list = new ArrayList<>();
    for (int i = first; i < first + samples; i++) {
      list.add(new Sample(device, "interface", T0.plusNanos(i), Map.of("interface", "ge-0/0/" + i),
          Map.of("in_octets", 1000L + i), Map.of("oper_status", 1.0), Map.of(), 64, ""));
    }
    return new PollBatch(device, list);
  }

  void offer(PollBatch... batches) {
    for (PollBatch batch : batches) {
      QueueOfferResult result = queue.offer(batch);
      if (result != QueueOfferResult.enqueued()) {
        throw new AssertionError("the test queue refused a batch: " + result);
      }
    }
  }

  List<BatchDelivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }

  List<BatchDelivery> awaitDeliveries(int count, Duration timeout) {
    RecordingHttpServer.await(() -> deliveries.size() >= count, timeout,
        () -> "expected " + count + " deliveries, got " + deliveries());
    return deliveries();
  }

  /** Ends the input; the returned stage completes once every delivery was emitted. */
  CompletionStage<Done> complete() {
    if (!completed) {
      completed = true;
      queue.complete();
    }
    return done;
  }

  @Override
  public void close() {
    complete();
  }
}
