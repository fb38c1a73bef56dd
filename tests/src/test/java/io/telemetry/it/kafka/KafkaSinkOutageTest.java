package io.telemetry.it.kafka;

import io.telemetry.it.support.TopicReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.sink.kafka.KafkaDeliveryException;
import io.telemetry.sink.kafka.KafkaSampleSink;
import io.telemetry.sink.kafka.KafkaSinkSettings;
import io.telemetry.sink.kafka.SampleJsonCodec;
import io.telemetry.sink.kafka.SampleRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka sink while its broker goes away and comes back. */
class KafkaSinkOutageTest {

  private static EmbeddedKafka kafka;
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.builder().partitions(3).build().start();
    kafka.createTopics("it.outage-a.interface", "it.outage-a.route_engine",
        "it.outage-b.interface", "it.outage-b.route_engine");
    system = ActorSystem.create(Behaviors.empty(), "kafka-outage-it");
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void withAShortDeliveryTimeoutAnOutageFailsBatchesAndDeliveryResumesAfterwards() throws Exception {
    kafka.start();
    KafkaSinkSettings settings = settings(String.join("\n",
        "topic-pattern = \"it.outage-a.{family}\"",
        "producer { delivery.timeout.ms = 3000, request.timeout.ms = 1500, linger.ms = 5 }",
        "properties { max.block.ms = 1500, reconnect.backoff.max.ms = 250 }"));
    RunningSink sink = RunningSink.start(settings);

    sink.offer(TestBatches.poll("a-1", 0));
    assertTrue(sink.next().delivered());

    kafka.stop();
    List<PollBatch> duringOutage = List.of(
        TestBatches.poll("a-1", 1), TestBatches.poll("a-2", 1), TestBatches.poll("a-1", 2));
    duringOutage.forEach(sink::offer);
    int failed = 0;
    for (PollBatch batch : duringOutage) {
      BatchDelivery delivery = sink.next();
      assertEquals(batch, delivery.batch(), "outcomes in order");
      assertFalse(delivery.delivered(), "no broker, short delivery timeout: failed");
      Throwable cause = delivery.failure().orElseThrow();
      assertInstanceOf(KafkaDeliveryException.class, cause);
      assertTrue(cause.getMessage().contains("device " + batch.device()), cause.getMessage());
      failed++;
    }
    assertEquals(3, failed);
    assertFalse(sink.done.toCompletableFuture().isDone(), "the stream keeps running through failures");

    kafka.start();
    // Delivery resumes on its own: nothing is restarted, only new batches are offered.
    int seq = 3;
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      PollBatch batch = TestBatches.poll("a-1", seq++);
      sink.offer(batch);
      BatchDelivery delivery = sink.next();
      if (delivery.delivered()) {
        break;
      }
      if (Instant.now().isAfter(deadline)) {
        fail("no delivery within 60 s after the broker restarted; last: " + delivery.failure());
      }
    }
    for (int i = 0; i < 5; i++) {
      sink.offer(TestBatches.poll("a-2", seq + i));
      assertTrue(sink.next().delivered(), "deliveries after the recovery succeed");
    }
    sink.complete();
  }

  @Test
  void withTheDefaultDeliveryTimeoutBatchesSentDuringAnOutageAreDeliveredAfterIt() throws Exception {
    kafka.start();
    KafkaSinkSettings settings = settings("topic-pattern = \"it.outage-b.{family}\"");
    assertEquals("600000", settings.producerProperties().get("delivery.timeout.ms"), "the default rides out outages");
    RunningSink sink = RunningSink.start(settings);

    sink.offer(TestBatches.poll("b-1", 0));
    assertTrue(sink.next().delivered());

    kafka.kill();
    List<PollBatch> duringOutage = new ArrayList<>();
    for (int seq = 1; seq <= 5; seq++) {
      duringOutage.add(TestBatches.poll(seq % 2 == 0 ? "b-2" : "b-1", seq));
    }
    duringOutage.forEach(sink::offer);
    assertTrue(sink.deliveries.isEmpty(), "nothing can be acknowledged while the broker is down");

    kafka.start();
    for (PollBatch batch : duringOutage) {
      BatchDelivery delivery = sink.next(Duration.ofSeconds(90));
      assertEquals(batch, delivery.batch(), "outcomes in order");
      assertTrue(delivery.delivered(), () -> "lost in the outage: " + delivery.failure());
    }
    sink.complete();

    // Every sample of every batch is in Kafka, once, and in poll order per device.
    List<ConsumerRecord<String, byte[]>> records = TopicReader.readAtLeast(
        kafka.bootstrapServers(), List.of("it.outage-b.interface", "it.outage-b.route_engine"), 6 * 3);
    assertEquals(18, records.size());
    SampleJsonCodec codec = new SampleJsonCodec();
    List<String> routeEngineOrder = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      SampleRecord sample = codec.decode(record.value());
      if (sample.family().equals("route_engine")) {
        routeEngineOrder.add(record.key() + "#" + sample.counters().get("seq"));
      }
    }
    List<String> b1 = routeEngineOrder.stream().filter(s -> s.startsWith("b-1#")).toList();
    List<String> b2 = routeEngineOrder.stream().filter(s -> s.startsWith("b-2#")).toList();
    assertEquals(List.of("b-1#0", "b-1#1", "b-1#3", "b-1#5"), b1);
    assertEquals(List.of("b-2#2", "b-2#4"), b2);
  }

  private static KafkaSinkSettings settings(String kafkaBlock) {
    return KafkaSinkSettings.fromConfig(ConfigFactory.parseString(kafkaBlock)
        .withFallback(ConfigFactory.parseString("bootstrap-servers = \"" + kafka.bootstrapServers() + "\""))
        .withFallback(ConfigFactory.load().getConfig("telemetry.kafka")));
  }

  /** The sink flow fed from a queue, its outcomes collected as they come. */
  private record RunningSink(
      BoundedSourceQueue<PollBatch> queue,
      CompletionStage<Done> done,
      BlockingQueue<BatchDelivery> deliveries) {

    static RunningSink start(KafkaSinkSettings settings) {
      BlockingQueue<BatchDelivery> deliveries = new LinkedBlockingQueue<>();
      Pair<BoundedSourceQueue<PollBatch>, CompletionStage<Done>> running = Source.<PollBatch>queue(64)
          .via(KafkaSampleSink.flow(settings, "node-outage", 4))
          .toMat(Sink.foreach(deliveries::add), org.apache.pekko.stream.javadsl.Keep.both())
          .run(system);
      return new RunningSink(running.first(), running.second(), deliveries);
    }

    void offer(PollBatch batch) {
      assertEquals(QueueOfferResult.enqueued(), queue.offer(batch));
    }

    BatchDelivery next() throws InterruptedException {
      return next(Duration.ofSeconds(30));
    }

    BatchDelivery next(Duration timeout) throws InterruptedException {
      BatchDelivery delivery = deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(delivery, "no outcome within " + timeout);
      return delivery;
    }

    void complete() throws Exception {
      queue.complete();
      done.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
