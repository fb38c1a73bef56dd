package io.telemetry.it.correlation;

import static io.telemetry.it.correlation.CorrelationFixture.T0;
import static io.telemetry.it.correlation.CorrelationFixture.gauge;
import static io.telemetry.it.correlation.CorrelationFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.runtime.CorrelationService;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.it.support.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one rule share its partitions; one is stopped mid-run and the other takes its
 * partitions over (restoring their state from the changelog): every expected event exactly once.
 */
class TwoInstancesIT {

  private static final int PARTITIONS = 4;
  private static final int DEVICES = 12;
  private static final int ROUNDS = 16;
  private static final int FIRST_HALF = 8;

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.builder().partitions(PARTITIONS).build().start();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Value of a device's gauge in a round: above the threshold (50) in rounds 1-2 of every 4, else below. */
  static double value(int round) {
    int phase = round % 4;
    return phase == 1 || phase == 2 ? 80 : 20;
  }

  static Instant time(int device, int round) {
    return T0.plusSeconds(10L * round).plusMillis(device);
  }

  /** The events a correct run gives, worked out from the script: (key, state, opened, closed). */
  static List<String> expected() {
    List<String> out = new ArrayList<>();
    for (int d = 0; d < DEVICES; d++) {
      for (int round = 1; round < ROUNDS; round++) {
        boolean before = value(round - 1) > 50;
        boolean now = value(round) > 50;
        if (!before && now) {
          out.add(device(d) + " raised " + time(d, round) + " null");
        } else if (before && !now) {
          out.add(device(d) + " cleared " + time(d, round - 2) + " " + time(d, round));
        }
      }
    }
    return out.stream().sorted().toList();
  }

  static String device(int d) {
    return String.format("dev-%02d", d);
  }

  static List<String> described(List<CorrelatedEvent> events) {
    return events.stream().map(e -> e.key() + " " + e.state().json() + " " + e.opened() + " " + e.closed())
        .sorted().toList();
  }

  @Test
  void theRemainingInstanceTakesOverAStoppedInstancesPartitionsWithoutLosingOrDuplicatingEvents() throws Exception {
    String topic = "it.corr.two.metrics";
    String rule = "two-instances";
    kafka.createTopics(PARTITIONS, topic);
    ActorSystem<Void> systemA = ActorSystem.create(Behaviors.empty(), "instance-a", CorrelationFixture.config(kafka.bootstrapServers(), "a", rule, topic, ""));
    ActorSystem<Void> systemB = ActorSystem.create(Behaviors.empty(), "instance-b", CorrelationFixture.config(kafka.bootstrapServers(), "b", rule, topic, ""));
    CorrelationService a = CorrelationService.start(systemA,
        CorrelationFixture.config(kafka.bootstrapServers(), "a", rule, topic, ""), rule);
    CorrelationService b = null;
    try (KafkaProducer<String, byte[]> producer = CorrelationFixture.producer(kafka.bootstrapServers())) {
      Await.until("instance a owns the partitions", Duration.ofSeconds(60), () -> a.metrics().restores() == PARTITIONS);
      b = CorrelationService.start(systemB,
          CorrelationFixture.config(kafka.bootstrapServers(), "b", rule, topic, ""), rule);
      CorrelationService bRef = b;
      Await.until("instance b got a share of the partitions", Duration.ofSeconds(60),
          () -> bRef.metrics().restores() > 0);
      produce(producer, topic, 0, FIRST_HALF);
      String group = "telemetry-correlation-" + rule;
      Await.until("the first half evaluated and committed", Duration.ofSeconds(60),
          () -> GroupProgress.caughtUp(kafka.bootstrapServers(), group, topic, PARTITIONS),
          () -> GroupProgress.describe(kafka.bootstrapServers(), group).toString());
      assertTrue(a.metrics().evaluated() > 0 && b.metrics().evaluated() > 0,
          "both instances evaluated records: " + a.metrics().line() + " / " + b.metrics().line());

      a.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
      long restoresBefore = b.metrics().restores();
      produce(producer, topic, FIRST_HALF, ROUNDS);
      Await.until("instance b evaluated and committed everything", Duration.ofSeconds(90),
          () -> GroupProgress.caughtUp(kafka.bootstrapServers(), group, topic, PARTITIONS),
          () -> GroupProgress.describe(kafka.bootstrapServers(), group) + " " + bRef.metrics().line());
      assertTrue(b.metrics().restores() > restoresBefore, "b restored the partitions a had: " + b.metrics().line());

      List<String> expected = expected();
      List<CorrelatedEvent> events =
          CorrelationFixture.decode(CorrelationFixture.readToEnd(kafka.bootstrapServers(), "telemetry.events." + rule));
      List<String> ids = CorrelationFixture.ids(events);
      assertEquals(ids.size(), new HashSet<>(ids).size(), "no (event_id, state) twice: " + ids);
      assertEquals(expected, described(events));
    } finally {
      a.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
      if (b != null) {
        b.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
      systemA.terminate();
      systemB.terminate();
      systemA.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      systemB.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static void produce(KafkaProducer<String, byte[]> producer, String topic, int fromRound, int toRound) {
    for (int round = fromRound; round < toRound; round++) {
      for (int d = 0; d < DEVICES; d++) {
        send(producer, topic, device(d), gauge(device(d), time(d, round), value(round)));
      }
    }
  }
}
