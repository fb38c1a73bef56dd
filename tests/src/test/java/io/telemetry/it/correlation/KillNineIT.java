package io.telemetry.it.correlation;

import static io.telemetry.it.correlation.CorrelationFixture.T0;
import static io.telemetry.it.correlation.CorrelationFixture.gauge;
import static io.telemetry.it.correlation.CorrelationFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.runtime.CorrelationService;
import io.telemetry.host.TelemetryCli;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.host.process.ChildJvm;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a correlation service ({@code telemetry correlate} in a child JVM) while
 * records are being produced, then a restart: its events equal those of a second instance that was
 * never interrupted (same input, another rule name), byte for byte apart from the rule name, with
 * no (event id, state) twice; and a window open at the kill still closes with its pre-kill opening.
 */
class KillNineIT {

  private static final int PARTITIONS = 4;
  private static final int DEVICES = 8;
  private static final int ROUNDS = 40;
  private static final int CLEAR_ROUND = 10;

  private static EmbeddedKafka kafka;

  @TempDir
  Path dir;

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

  /** Above 50 in rounds 1-9 (a window open across the kill), below in 10, then up/down every 4 rounds. */
  static double value(int round) {
    if (round == 0 || round == CLEAR_ROUND) {
      return 20;
    }
    if (round < CLEAR_ROUND) {
      return 80;
    }
    int phase = (round - CLEAR_ROUND - 1) % 4;
    return phase == 1 || phase == 2 ? 80 : 20;
  }

  static Instant time(int device, int round) {
    return T0.plusSeconds(10L * round).plusMillis(device);
  }

  static String device(int d) {
    return String.format("edge-%02d", d);
  }

  @Test
  void afterKillNineAndRestartTheEventsEqualThoseOfAnUninterruptedRun() throws Exception {
    String topic = "it.corr.kill.metrics";
    String rule = "kill-main";
    String reference = "kill-ref";
    kafka.createTopics(PARTITIONS, topic);
    String bootstrap = kafka.bootstrapServers();
    Path config = dir.resolve("correlation.conf");
    Files.writeString(config, CorrelationFixture.configText(bootstrap, "k1", rule, topic,
        // The killed instance's group membership expires quickly, so the restart is not kept waiting.
        "telemetry.correlation.consumer-properties { session.timeout.ms = 6000, heartbeat.interval.ms = 1000 }"));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "kill-reference");
    CorrelationService uninterrupted = CorrelationService.start(system,
        CorrelationFixture.config(bootstrap, "ref", reference, topic, ""), reference);
    Process child = startChild(config, rule, "first");
    Process restarted = null;
    try (KafkaProducer<String, byte[]> producer = CorrelationFixture.producer(bootstrap)) {
      for (int round = 0; round < 6; round++) {
        produceRound(producer, topic, round);
      }
      TopicReader.readUntil(bootstrap, List.of("telemetry.events." + rule), r -> r.size() >= DEVICES,
          Duration.ofSeconds(90)); // every device's raised event is committed

      CountDownLatch killed = new CountDownLatch(1);
      AtomicInteger sentInPhaseTwo = new AtomicInteger();
      CompletableFuture<Void> phaseTwo = CompletableFuture.runAsync(() -> {
        for (int round = 6; round < ROUNDS; round++) {
          if (round == CLEAR_ROUND) {
            await(killed); // the windows opened in round 1 are still open at the kill
          }
          for (int d = 0; d < DEVICES; d++) {
            send(producer, topic, device(d), gauge(device(d), time(d, round), value(round)));
            sentInPhaseTwo.incrementAndGet();
            pause();
          }
        }
      });
      Await.until("part of phase two produced", Duration.ofSeconds(30), () -> sentInPhaseTwo.get() >= DEVICES * 2);
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, an open transaction left behind
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed child exited");
      killed.countDown();
      restarted = startChild(config, rule, "restarted");
      phaseTwo.get(120, TimeUnit.SECONDS);

      Await.until("the restarted instance evaluated and committed everything", Duration.ofSeconds(90),
          () -> GroupProgress.caughtUp(bootstrap, "telemetry-correlation-" + rule, topic, PARTITIONS),
          () -> GroupProgress.describe(bootstrap, "telemetry-correlation-" + rule).toString());
      Await.until("the uninterrupted instance evaluated and committed everything", Duration.ofSeconds(60),
          () -> GroupProgress.caughtUp(bootstrap, "telemetry-correlation-" + reference, topic, PARTITIONS));

      List<CorrelatedEvent> expected = readAll(bootstrap, "telemetry.events." + reference);
      List<CorrelatedEvent> actual = readAll(bootstrap, "telemetry.events." + rule);
      List<String> ids = CorrelationFixture.ids(actual);
      assertEquals(ids.size(), new HashSet<>(ids).size(), "no (event_id, state) twice after the kill: " + ids);
      assertEquals(CorrelationFixture.contents(expected, "x"), CorrelationFixture.contents(actual, "x"),
          "the interrupted run's events equal the uninterrupted run's");
      // Independently of the reference: 1 raise in round 1, its clear in round 10, then 7 cycles.
      assertEquals(DEVICES * 2 * 8, actual.size(), "events of the script");
      for (int d = 0; d < DEVICES; d++) {
        String name = device(d);
        int index = d;
        assertTrue(actual.stream().anyMatch(e -> e.device().equals(name) && e.state() == EventState.CLEARED
                && e.opened().equals(time(index, 1)) && e.closed().equals(time(index, CLEAR_ROUND))),
            name + ": the window opened before the kill closed after it with its original opening: " + actual);
      }
      restarted.destroy(); // SIGTERM: coordinated shutdown drains and commits, then the process exits
      assertTrue(restarted.waitFor(60, TimeUnit.SECONDS), "correlate exits after SIGTERM");
    } finally {
      child.destroyForcibly();
      if (restarted != null) {
        restarted.destroy(); // SIGTERM: coordinated shutdown
        if (!restarted.waitFor(30, TimeUnit.SECONDS)) {
          restarted.destroyForcibly();
        }
      }
      uninterrupted.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private Process startChild(Path config, String rule, String name) throws IOException {
    List<String> command = new java.util.ArrayList<>(ChildJvm.command(dir.resolve(name + ".args"),
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), TelemetryCli.class,
        List.of(GaugeAboveRuleType.class)));
    command.addAll(List.of("correlate", "--rule", rule, "--config", config.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  private static List<CorrelatedEvent> readAll(String bootstrap, String topic) {
    return CorrelationFixture.decode(CorrelationFixture.readToEnd(bootstrap, topic));
  }

  private static void produceRound(KafkaProducer<String, byte[]> producer, String topic, int round) {
    for (int d = 0; d < DEVICES; d++) {
      send(producer, topic, device(d), gauge(device(d), time(d, round), value(round)));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the child was not killed within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(15);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
