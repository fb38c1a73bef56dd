package io.telemetry.it.correlation;

import static io.telemetry.it.correlation.CorrelationFixture.T0;
import static io.telemetry.it.correlation.CorrelationFixture.gauge;
import static io.telemetry.it.correlation.CorrelationFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.runtime.CorrelationService;
import io.telemetry.correlation.runtime.PartitionTask;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.CapturedLogs;
import io.telemetry.it.support.Cli;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed and late input records against a real broker: counted, logged, skipped, never stalling. */
class CorrelationInputIT {

  private static final String MALFORMED_LOGGER = "io.telemetry.correlation.runtime.RecordDecoder.malformed";

  private static EmbeddedKafka kafka;
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.builder().partitions(1).build().start();
    system = ActorSystem.create(Behaviors.empty(), "correlation-input-it");
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
  void malformedRecordsAreCountedLoggedWithTheirOffsetAndSkippedWithoutStallingThePartition() throws Exception {
    String topic = "it.corr.malformed.metrics";
    String rule = "malformed-rule";
    kafka.createTopics(1, topic);
    byte[] missingTime = new String(gauge("d1", T0.plusSeconds(2), 10), StandardCharsets.UTF_8)
        .replaceFirst("\"time\":\"[^\"]*\",", "").getBytes(StandardCharsets.UTF_8);
    try (CapturedLogs logs = new CapturedLogs(MALFORMED_LOGGER);
        KafkaProducer<String, byte[]> producer = CorrelationFixture.producer(kafka.bootstrapServers())) {
      send(producer, topic, "d1", gauge("d1", T0, 10));                                  // offset 0
      send(producer, topic, "d1", "{not json".getBytes(StandardCharsets.UTF_8));          // offset 1
      send(producer, topic, "d1", missingTime);                                          // offset 2
      send(producer, topic, "d1", gauge("d1", T0.plusSeconds(3), 90));                   // offset 3: raises
      CorrelationService service = CorrelationService.start(system,
          CorrelationFixture.config(kafka.bootstrapServers(), "i1", rule, topic, ""), rule);
      try {
        List<CorrelatedEvent> events = CorrelationFixture.events(kafka.bootstrapServers(),
            "telemetry.events." + rule, 1, Duration.ofSeconds(60));
        assertEquals(1, events.size(), "the record after the malformed ones raised its event: " + events);
        CorrelatedEvent raised = events.get(0);
        assertEquals(EventState.RAISED, raised.state());
        assertEquals(T0.plusSeconds(3), raised.opened());
        assertEquals(3, raised.evidence().get(0).offset());
        Await.until("both malformed records counted", Duration.ofSeconds(30),
            () -> service.metrics().malformedTotal() == 2, () -> service.metrics().line());
        assertEquals(2L, service.metrics().malformed().get(topic));
        assertEquals(2, service.metrics().evaluated());
        List<String> messages = logs.messages();
        assertTrue(messages.stream().anyMatch(m -> m.contains("topic " + topic + " partition 0 offset 1")
            && m.contains("not JSON")), "bad JSON logged with topic/partition/offset: " + messages);
        assertTrue(messages.stream().anyMatch(m -> m.contains("topic " + topic + " partition 0 offset 2")
            && m.contains("'time'")), "missing field logged with topic/partition/offset and the field: " + messages);
      } finally {
        service.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void correlateNamesTheSettingWhenTheRuleIsNotConfigured(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path config = dir.resolve("c.conf");
    java.nio.file.Files.writeString(config,
        CorrelationFixture.configText(kafka.bootstrapServers(), "i1", "some-rule", "it.corr.none", ""));
    Cli result = Cli.run("correlate", "--rule", "no-such-rule", "--config", config.toString());
    assertEquals(2, result.exit(), result.err());
    assertTrue(result.err().contains("telemetry.correlation.rules") && result.err().contains("no-such-rule")
        && result.err().contains("some-rule"), result.err());
  }

  @Test
  void recordsBeyondTheLatenessBoundAreCountedAndSkippedWhileOutOfOrderOnesWithinItAreEvaluated() throws Exception {
    String topic = "it.corr.late.metrics";
    String rule = "late-rule";
    kafka.createTopics(1, topic);
    Instant base = T0.plusSeconds(1000);
    try (CapturedLogs logs = new CapturedLogs(PartitionTask.LATE_LOG.getName());
        KafkaProducer<String, byte[]> producer = CorrelationFixture.producer(kafka.bootstrapServers())) {
      send(producer, topic, "d1", gauge("d1", base.plusSeconds(100), 10));
      send(producer, topic, "d1", gauge("d1", base.plusSeconds(200), 10)); // highest time: 200
      send(producer, topic, "d1", gauge("d1", base.plusSeconds(160), 95)); // 40 s behind > 30 s bound: late
      send(producer, topic, "d1", gauge("d1", base.plusSeconds(180), 80)); // 20 s behind: evaluated, raises
      send(producer, topic, "d1", gauge("d1", base.plusSeconds(210), 10)); // clears
      CorrelationService service = CorrelationService.start(system,
          CorrelationFixture.config(kafka.bootstrapServers(), "i1", rule, topic, ""), rule);
      try {
        List<CorrelatedEvent> events = CorrelationFixture.events(kafka.bootstrapServers(),
            "telemetry.events." + rule, 2, Duration.ofSeconds(60));
        Await.until("all five records consumed", Duration.ofSeconds(30),
            () -> service.metrics().consumed() == 5, () -> service.metrics().line());
        assertEquals(2, events.size(), "one raise and one clear: " + events);
        assertEquals(EventState.RAISED, events.get(0).state());
        assertEquals(base.plusSeconds(180), events.get(0).opened(), "raised by the in-bound out-of-order record");
        assertEquals(EventState.CLEARED, events.get(1).state());
        assertEquals(base.plusSeconds(210), events.get(1).closed());
        assertEquals(1L, service.metrics().late().get(topic));
        assertEquals(4, service.metrics().evaluated());
        assertTrue(logs.messages().stream().anyMatch(m -> m.contains("topic " + topic + " partition 0 offset 2")
            && m.contains("device d1") && m.contains(rule)), "late record logged: " + logs.messages());

        // What an operator sees: `telemetry events tail`, one line per event, then in full.
        String[] tail = {"events", "tail", "--topic", "telemetry.events." + rule, "--bootstrap", kafka.bootstrapServers(),
            "--from", "earliest", "--count", "2", "--timeout", "30"};
        Cli lines = Cli.run(tail);
        assertEquals(0, lines.exit(), lines.err());
        List<String> printed = lines.out().lines().toList();
        assertEquals(2, printed.size(), lines.out());
        assertTrue(printed.get(0).startsWith("2026-01-05T08:19:40.000000007Z raised") && printed.get(0).contains(rule)
            && printed.get(0).contains(" d1 value "), printed.get(0));
        assertTrue(printed.get(1).startsWith("2026-01-05T08:20:10.000000007Z cleared"), printed.get(1));
        String[] verbose = java.util.stream.Stream.concat(java.util.Arrays.stream(tail), java.util.stream.Stream.of("--verbose"))
            .toArray(String[]::new);
        Cli full = Cli.run(verbose);
        assertEquals(0, full.exit(), full.err());
        assertTrue(full.out().contains("partition 0 offset 0") && full.out().contains("telemetry-event-id="
            + events.get(0).eventId()) && full.out().contains("\"event_id\":\"" + events.get(0).eventId() + "\""),
            full.out());
      } finally {
        service.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    }
  }
}
