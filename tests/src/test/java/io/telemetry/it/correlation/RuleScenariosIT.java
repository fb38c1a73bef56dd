package io.telemetry.it.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.correlation.runtime.CorrelationService;
import io.telemetry.correlation.scenario.DependencyScenarios;
import io.telemetry.correlation.scenario.FlapScenarios;
import io.telemetry.correlation.scenario.LinkFailureScenarios;
import io.telemetry.correlation.scenario.RuleScenario;
import io.telemetry.correlation.scenario.SlaScenarios;
import io.telemetry.correlation.scenario.UtilizationScenarios;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.it.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every scripted scenario of every rule type (raised, cleared, near misses, out of order within
 * the bound) against the real runtime and a real broker: the script is produced as metric records
 * keyed by device onto co-partitioned topics, the rule instance runs in a {@link CorrelationService},
 * and its event topic (read_committed) holds exactly the expected events, citing the offsets the
 * records really got, and nothing else.
 */
class RuleScenariosIT {

  /** At least as many as the scenarios of one instance: each scenario has a partition (a task) of its own. */
  private static final int PARTITIONS = 4;

  private static EmbeddedKafka kafka;
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.builder().partitions(PARTITIONS).build().start();
    system = ActorSystem.create(Behaviors.empty(), "rule-scenarios-it");
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

  static List<RuleScenario> allScenarios() {
    return Stream.of(FlapScenarios.all(), UtilizationScenarios.all(), LinkFailureScenarios.all(), SlaScenarios.all(),
        DependencyScenarios.all()).flatMap(List::stream).toList();
  }

  @Test
  void everyScenarioOfEveryRuleTypeGivesExactlyItsEvents() throws Exception {
    List<ScenarioGroup> groups = ScenarioGroup.of("scen-", allScenarios());
    assertEquals(5, groups.stream().map(g -> g.hocon().split(",")[0]).distinct().count(), "all five rule types: " + groups);
    Map<ScenarioGroup, List<ProducedScript>> produced = new HashMap<>();
    try (KafkaProducer<String, byte[]> producer = CorrelationFixture.producer(kafka.bootstrapServers())) {
      for (ScenarioGroup group : groups) {
        createInputs(producer, group);
        produced.put(group, produceAll(producer, group));
      }
    }
    List<CorrelationService> services = new ArrayList<>();
    try {
      for (ScenarioGroup group : groups) {
        services.add(CorrelationService.start(system, group.config(kafka.bootstrapServers()), group.rule()));
      }
      for (int g = 0; g < groups.size(); g++) {
        awaitEvaluated(groups.get(g), services.get(g), Duration.ofSeconds(60));
      }
      for (int g = 0; g < groups.size(); g++) {
        assertExactly(groups.get(g), services.get(g), produced.get(groups.get(g)));
      }
    } finally {
      stopAll(services);
    }
  }

  /**
   * The consumer may fetch one input's partition far ahead of the other's; here every interface
   * record is evaluated before the first BGP record is even produced. The watermark must wait for
   * bgp_peer (input-idle) so the pairs are still found.
   */
  @Test
  void linkFailurePairsWhenEveryInterfaceRecordIsEvaluatedBeforeTheFirstBgpRecord() throws Exception {
    RuleScenario scenario = LinkFailureScenarios.interfaceThenTwoSessions();
    ScenarioGroup group = ScenarioGroup.of("ahead-", List.of(scenario)).get(0);
    int partition = 1;
    Map<String, String> devices = ProducedScript.devicesOn(scenario, 0, partition, PARTITIONS);
    List<Integer> interfaces = linesOf(scenario, "interface");
    List<Integer> peers = linesOf(scenario, "bgp_peer");
    KafkaProducer<String, byte[]> producer = CorrelationFixture.producer(kafka.bootstrapServers());
    createInputs(producer, group);
    CorrelationService service = CorrelationService.start(system, group.config(kafka.bootstrapServers()), group.rule());
    try (producer) {
      Map<Integer, RecordMetadata> sent =
          new HashMap<>(ProducedScript.send(producer, group, scenario, devices, interfaces));
      String interfaceTopic = group.topic("interface");
      Await.until("every interface record evaluated and committed", Duration.ofSeconds(60),
          () -> GroupProgress.caughtUp(kafka.bootstrapServers(), group.group(), interfaceTopic, PARTITIONS),
          () -> service.metrics().line());
      assertEquals(interfaces.size(), service.metrics().evaluated(), service.metrics().line());
      sent.putAll(ProducedScript.send(producer, group, scenario, devices, peers));
      ProducedScript script = ProducedScript.landed(scenario, partition, devices, sent);
      awaitEvaluated(group, service, Duration.ofSeconds(60));
      assertExactly(group, service, List.of(script));
    } finally {
      stopAll(List.of(service));
    }
  }

  /**
   * Creates the group's input topics and waits until the producer knows a leader for every
   * partition (a batch for a partition still without one can sit until the delivery timeout).
   */
  private static void createInputs(KafkaProducer<String, byte[]> producer, ScenarioGroup group) {
    kafka.createTopics(PARTITIONS, group.inputs().toArray(String[]::new));
    for (String topic : group.inputs()) {
      Await.until("leaders of every partition of " + topic, Duration.ofSeconds(30),
          () -> producer.partitionsFor(topic).stream().filter(p -> p.leader() != null && !p.leader().isEmpty())
              .count() == PARTITIONS);
    }
  }

  /** Produces every scenario of the group, scenario i onto partition i, all at once. */
  private static List<ProducedScript> produceAll(KafkaProducer<String, byte[]> producer, ScenarioGroup group) {
    if (group.scenarios().size() > PARTITIONS) {
      throw new IllegalStateException(group.rule() + " has more scenarios than partitions (" + PARTITIONS + ")");
    }
    List<Map<String, String>> devices = new ArrayList<>();
    List<Map<Integer, RecordMetadata>> sent = new ArrayList<>();
    for (int i = 0; i < group.scenarios().size(); i++) {
      RuleScenario scenario = group.scenarios().get(i);
      devices.add(ProducedScript.devicesOn(scenario, i, i, PARTITIONS));
      sent.add(ProducedScript.send(producer, group, scenario, devices.get(i),
          IntStream.range(0, scenario.samples().size()).boxed().toList()));
    }
    List<ProducedScript> scripts = new ArrayList<>();
    for (int i = 0; i < group.scenarios().size(); i++) {
      scripts.add(ProducedScript.landed(group.scenarios().get(i), i, devices.get(i), sent.get(i)));
    }
    return scripts;
  }

  /** Waits until the group committed every input record: their events are committed with them. */
  private static void awaitEvaluated(ScenarioGroup group, CorrelationService service, Duration within) {
    for (String topic : group.inputs()) {
      Await.until(group.rule() + " evaluated and committed all of " + topic, within,
          () -> GroupProgress.caughtUp(kafka.bootstrapServers(), group.group(), topic, PARTITIONS),
          () -> GroupProgress.describe(kafka.bootstrapServers(), group.group()) + " " + service.metrics().line());
    }
  }

  private static void assertExactly(ScenarioGroup group, CorrelationService service, List<ProducedScript> scripts) {
    assertEquals(0, service.metrics().lateTotal(), group.rule() + ": no script line is late: " + service.metrics().line());
    assertEquals(0, service.metrics().malformedTotal(), service.metrics().line());
    List<ConsumerRecord<String, byte[]>> records = CorrelationFixture.readToEnd(kafka.bootstrapServers(), group.eventTopic());
    Map<String, List<ScenarioEvents.Facts>> actual = ScenarioEvents.actual(records);
    Map<String, List<ScenarioEvents.Facts>> expectedAll = new HashMap<>();
    for (ProducedScript script : scripts) {
      Map<String, List<ScenarioEvents.Facts>> expected = ScenarioEvents.expected(group.rule(), script);
      Map<String, List<ScenarioEvents.Facts>> ofScript = new HashMap<>();
      actual.forEach((key, events) -> {
        if (script.producedDevices().contains(events.get(0).device())) {
          ofScript.put(key, events);
        }
      });
      assertEquals(new TreeMap<>(expected), new TreeMap<>(ofScript),
          group.rule() + " (lateness " + group.lateness() + "): " + script.scenario().name());
      expectedAll.putAll(expected);
    }
    assertEquals(expectedAll.values().stream().mapToInt(List::size).sum(), records.size(),
        group.rule() + ": nothing but the expected events: " + actual);
    assertTrue(records.stream().allMatch(r -> r.topic().equals(group.eventTopic())));
  }

  private static List<Integer> linesOf(RuleScenario scenario, String family) {
    return IntStream.range(0, scenario.samples().size())
        .filter(i -> scenario.samples().get(i).family().equals(family)).boxed().toList();
  }

  /** Stops the services together (each close waits for its consumer's drain). */
  private static void stopAll(List<CorrelationService> services) throws Exception {
    List<CompletableFuture<?>> stopping =
        services.stream().map(s -> s.stop().toCompletableFuture()).collect(Collectors.toList());
    CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new))
        .get(60, TimeUnit.SECONDS);
  }
}
