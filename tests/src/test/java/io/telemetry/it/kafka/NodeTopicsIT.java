package io.telemetry.it.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.CapturedLogs;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.TopicReader;
import io.telemetry.selfmetrics.MetricFamily;
import io.telemetry.selfmetrics.SelfMetrics;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import io.telemetry.sink.kafka.KafkaTopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code telemetry.kafka.topics} against a broker that never auto-creates topics
 * ({@code auto.create.topics.enable=false}, as production brokers often run): a node creates its
 * topics and delivers; with {@code create = off} it warns naming the missing topics; with a
 * replication factor the broker cannot give, it logs an error naming the topics and the setting,
 * shows them failed on its self-metrics, and keeps running. Each test has its own topic pattern.
 */
class NodeTopicsIT {

  private static final int DEVICES = 3;
  // What docs/schema/measurements.md lists for the collector types every node registers:
  // junos-netconf, cli (Junos formats), snmp, meraki, host-dependencies.
  private static final Set<String> FAMILIES = Set.of("interface", "route_engine", "environment", "bgp_peer",
      "bgp_peer_rib", "storage", "alarm", "collector_request", "uplink", "client", "dependency",
      "listening_service", "dependency_status");

  // Where topics are missing: sends fail after 0.1 s instead of 60 s, and few batches wait in the
  // sink's buffer, so that the node drains quickly when it stops.
  private static final String FAIL_FAST = "telemetry.kafka.properties.max.block.ms = 100\n"
      + "telemetry.kafka.buffer-batches = 4";

  @TempDir
  static Path workDir;

  static LocalStack stack;
  private TelemetryNode node;

  @BeforeAll
  static void startBrokerWithoutAutoCreation() {
    stack = LocalStack.startWithoutNode(workDir, FleetSpec.of(DEVICES).withInterfaces(2),
        broker -> broker.autoCreateTopics(false));
  }

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theNodeCreatesItsTopicsWithTheConfiguredPartitionsAndDelivers() throws Exception {
    String pattern = "it.created.{family}";
    node = startNode(pattern, "telemetry.kafka.topics.partitions = 3\n"
        + "telemetry.self-metrics.internal-measurement = on");
    Set<String> families = new TreeSet<>(FAMILIES);
    families.add("telemetry_internal");
    Set<String> expected = topics(pattern, families);

    // Every device's interface samples arrive, though the broker creates no topic itself.
    String interfaceTopic = "it.created.interface";
    Set<String> devices = stack.fleet().devices().stream().map(SimulatedDevice::id).collect(Collectors.toSet());
    List<DecodedRecords.Decoded> records = DecodedRecords.decode(TopicReader.readUntil(
        stack.broker().bootstrapServers(), List.of(interfaceTopic),
        read -> DecodedRecords.decode(read).stream().map(DecodedRecords.Decoded::key).collect(Collectors.toSet())
            .containsAll(devices),
        Duration.ofSeconds(30)));
    assertFalse(records.isEmpty());

    Map<String, Integer> partitions = partitionCounts(expected);
    assertEquals(expected, partitions.keySet(), "every family's topic exists");
    partitions.forEach((topic, count) -> assertEquals(3, count, topic + " partitions"));
    assertEquals(stateOfEach(expected, "created"), settledTopicStates());
  }

  @Test
  void withCreateOffTheNodeWarnsNamingTheMissingTopics() throws Exception {
    String pattern = "it.unmade.{family}";
    try (CapturedLogs logs = new CapturedLogs(KafkaTopicSetup.class)) {
      node = startNode(pattern, "telemetry.kafka.topics.create = off\n" + FAIL_FAST);
      Set<String> expected = topics(pattern, FAMILIES);
      Await.until("a warning about the missing topics", Duration.ofSeconds(30),
          () -> logs.messages().stream().anyMatch(m -> m.contains("telemetry.kafka.topics.create = off")),
          () -> logs.messages().toString());
      String warning = logs.messages().stream().filter(m -> m.contains("telemetry.kafka.topics.create = off"))
          .findFirst().orElseThrow();
      expected.forEach(topic -> assertTrue(warning.contains(topic), topic + " not named in: " + warning));
      assertEquals("WARN", logs.events().stream().filter(e -> e.getFormattedMessage().equals(warning))
          .findFirst().orElseThrow().getLevel().toString());
      assertEquals(stateOfEach(expected, "missing"), settledTopicStates());
    }
    assertEquals(Map.of(), partitionCounts(topics(pattern, FAMILIES)), "create = off created nothing");
  }

  @Test
  void aReplicationFactorAboveTheBrokerCountIsAClearErrorAndTheNodeKeepsRunning() throws Exception {
    String pattern = "it.rf3.{family}";
    try (CapturedLogs logs = new CapturedLogs(KafkaTopicSetup.class)) {
      node = startNode(pattern, "telemetry.kafka.topics.replication-factor = 3\n" + FAIL_FAST);
      Set<String> expected = topics(pattern, FAMILIES);
      Await.until("an error about the topics", Duration.ofSeconds(30),
          () -> logs.events().stream().anyMatch(e -> e.getLevel().toString().equals("ERROR")), () -> logs.messages().toString());
      String error = logs.events().stream().filter(e -> e.getLevel().toString().equals("ERROR"))
          .findFirst().orElseThrow().getFormattedMessage();
      assertTrue(error.contains("telemetry.kafka.topics.replication-factor"), error);
      assertTrue(error.contains("InvalidReplicationFactorException"), error);
      expected.forEach(topic -> assertTrue(error.contains(topic), topic + " not named in: " + error));
      assertEquals(stateOfEach(expected, "failed"), settledTopicStates());

      // The node runs on and its sink keeps trying: deliveries to the missing topics fail, counted.
      Await.until("failed Kafka deliveries after the error", Duration.ofSeconds(30),
          () -> node.metrics().sinks().containsKey("kafka") && node.metrics().sinks().get("kafka").failedSamples() > 0,
          () -> node.metrics().sinks().toString());
      assertFalse(node.system().getWhenTerminated().toCompletableFuture().isDone(), "the node is still running");
    }
    assertEquals(Map.of(), partitionCounts(topics(pattern, FAMILIES)));
  }

  private static TelemetryNode startNode(String pattern, String settings) {
    Config overrides = ConfigFactory.parseString("telemetry.kafka.topic-pattern = \"" + pattern + "\"\n" + settings);
    return stack.startNode(stack.fleet().targets(Duration.ofSeconds(1), Duration.ofSeconds(10)), overrides);
  }

  private static Set<String> topics(String pattern, Set<String> families) {
    return families.stream().map(f -> pattern.replace("{family}", f)).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, String> stateOfEach(Set<String> topics, String state) {
    Map<String, String> states = new TreeMap<>();
    topics.forEach(topic -> states.put(topic, state));
    return states;
  }

  /** {@link #topicStates()} once the set-up is done (nothing pending). */
  private Map<String, String> settledTopicStates() {
    Await.until("the topic set-up's outcome on the node's self-metrics", Duration.ofSeconds(30),
        () -> !topicStates().isEmpty() && !topicStates().containsValue("pending"), () -> topicStates().toString());
    return topicStates();
  }

  /** topic -> state, from the node's own self-metrics (what GET /metrics serves). */
  private Map<String, String> topicStates() {
    List<MetricFamily> families = SelfMetrics.get(node.system()).collect().toCompletableFuture().join();
    Map<String, String> states = new TreeMap<>();
    families.stream().filter(f -> f.name().equals("telemetry_kafka_topic")).flatMap(f -> f.series().stream())
        .forEach(s -> states.put(s.labels().get("topic"), s.labels().get("state")));
    return states;
  }

  /** The partition count of each of the topics that exist. */
  private static Map<String, Integer> partitionCounts(Set<String> topics) throws InterruptedException {
    Map<String, Integer> counts = new TreeMap<>();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        stack.broker().bootstrapServers()))) {
      admin.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
        try {
          TopicDescription description = future.get(30, TimeUnit.SECONDS);
          counts.put(topic, description.partitions().size());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw new AssertionError("describing " + topic, e);
          }
        } catch (Exception e) {
          throw new AssertionError("describing " + topic, e);
        }
      });
    }
    return counts;
  }
}
