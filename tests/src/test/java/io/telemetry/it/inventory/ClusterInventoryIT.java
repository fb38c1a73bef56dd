package io.telemetry.it.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.host.cluster.LocalCluster;
import io.telemetry.host.cluster.LocalNode;
import io.telemetry.host.cluster.ManagementClient;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.Cli;
import io.telemetry.it.support.ServedDocuments;
import io.telemetry.it.support.TopicReader;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import io.telemetry.simulate.SimulatedFleet;
import io.telemetry.sink.kafka.SampleJsonCodec;
import io.telemetry.sink.kafka.SampleProducerRecords;
import io.telemetry.sink.kafka.SampleRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, cluster-wide: two node JVMs (LocalCluster), the real broker, simulated devices and an
 * HTTP inventory served by this test, reloaded every 2 s. Every change made through one node (a
 * new inventory, PUT or {@code telemetry targets add}, DELETE or {@code targets remove}) shows in
 * the other node's table within one refresh; added devices deliver, removed ones stop, their SSH
 * sessions close and their rate state is dropped (a re-added device starts its rates afresh).
 * Then every node stops and starts again on its folders: the run-time changes are still there.
 * How long each change took to reach the other node is printed, not asserted tightly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterInventoryIT {

  private static final String TOPIC = "telemetry.metrics.interface";
  private static final String INVENTORY = "/inventory";
  private static final Duration REFRESH = Duration.ofSeconds(2);
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  /** Table publication and spread, for a 2-core machine other builds share. */
  private static final Duration MARGIN = Duration.ofSeconds(6);
  /** From a table without the device to its entity stopped, with room for a loaded machine. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  /** Session set-up and the first poll of a new device, on a loaded machine. */
  private static final Duration DELIVERY = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SampleJsonCodec CODEC = new SampleJsonCodec();

  @TempDir
  static Path workDir;

  /** Serves the inventory the nodes reload at {@link #INVENTORY}. */
  static ServedDocuments documents;
  static EmbeddedKafka broker;
  static SimulatedFleet fleet;
  static LocalCluster cluster;
  static LocalNode nodeA;
  static LocalNode nodeB;
  /** The fleet by id: d0..d3 come from the inventory, d4 by PUT, d5 by the CLI, d6 by PUT before the restart. */
  static List<SimulatedDevice> devices;

  @BeforeAll
  static void start() throws IOException {
    documents = ServedDocuments.start();
    documents.put(INVENTORY, "[]");
    broker = EmbeddedKafka.builder().dataDir(workDir.resolve("kafka")).partitions(2).build().start();
    broker.createTopics(JunosNetconfCollectorFactory.FAMILIES.stream().map(f -> "telemetry.metrics." + f)
        .toArray(String[]::new));
    fleet = SimulatedFleet.start(FleetSpec.of(7).withInterfaces(1).withHostKeyFile(workDir.resolve("host-key")));
    fleet.writeKnownHosts(workDir.resolve("known_hosts"));
    devices = new ArrayList<>(fleet.devices());
    devices.sort((a, b) -> a.id().compareTo(b.id()));
    cluster = LocalCluster.builder(workDir.resolve("nodes")).settings(settings()).build();
    cluster.start(2);
    cluster.awaitMembersUp(2, Duration.ofSeconds(60));
    nodeA = cluster.nodes().get(0);
    nodeB = cluster.nodes().get(1);
  }

  private static Config settings() {
    return ConfigFactory.parseString("""
        telemetry.kafka.bootstrap-servers = "%s"
        telemetry.ssh.known-hosts = "%s"
        telemetry.device.reconnect-backoff-max = 2s
        pekko.cluster.distributed-data.gossip-interval = 1s
        telemetry.inventory {
          refresh-interval = %ds
          sources = [ { type = http, url = "%s", timeout = 2s } ]
          credentials { fleet { username = "%s", password = "%s" } }
          policies = [ { collectors = [ junos-netconf ], interval = %ds, credentials = fleet } ]
        }
        """.formatted(broker.bootstrapServers(), workDir.resolve("known_hosts"), REFRESH.toSeconds(),
        documents.url(INVENTORY), fleet.spec().username(), fleet.spec().password(),
        POLL_INTERVAL.toSeconds()));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (fleet != null) {
      fleet.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (documents != null) {
      documents.close();
    }
  }

  @Test
  @Order(1)
  void aNewInventoryShowsOnBothNodesWithinARefreshAndItsDevicesDeliver() {
    List<SimulatedDevice> listed = devices.subList(0, 4);
    Set<String> ids = ids(listed);
    Instant changed = Instant.now();
    documents.put(INVENTORY,
        listed.stream().map(ClusterInventoryIT::resourceJson).collect(Collectors.joining(",", "[", "]")));

    Duration onA = awaitTable(nodeA, "the inventory's 4 targets", REFRESH.plus(MARGIN), changed,
        table -> table.containsAll(ids));
    Duration onB = awaitTable(nodeB, "the inventory's 4 targets", REFRESH.plus(MARGIN), changed,
        table -> table.containsAll(ids));
    System.out.printf("inventory change (refresh every %d s): on node A after %d ms, on node B after %d ms%n",
        REFRESH.toSeconds(), onA.toMillis(), onB.toMillis());

    List<Polled> records = readUntil(r -> deliveredSince(r, changed).containsAll(ids), DELIVERY);
    Set<String> nodes = records.stream().filter(r -> ids.contains(r.device())).map(Polled::node)
        .collect(Collectors.toCollection(TreeSet::new));
    System.out.println("inventory devices delivered from " + nodes);
  }

  @Test
  @Order(2)
  void additionsThroughOneNodeShowOnTheOtherAndDeliver() throws Exception {
    SimulatedDevice byPut = devices.get(4);
    SimulatedDevice byCli = devices.get(5);

    // PUT on node A: node B's table, `targets show` against node B.
    Instant put = Instant.now();
    new ManagementClient(nodeA.managementUrl()).putTarget(byPut.id(),
        "{\"host\":\"" + byPut.host() + "\",\"port\":" + byPut.port() + ",\"site\":\"ams1\"}");
    Duration putOnB = awaitTable(nodeB, byPut.id(), REFRESH.plus(MARGIN), put, t -> t.contains(byPut.id()));
    JsonNode shown = JSON.readTree(Cli.output("targets", "show", byPut.id(), "-m", nodeB.managementUrl().toString()));
    assertEquals("runtime", shown.path("origin").asText(), shown.toString());
    assertEquals(byPut.port(), shown.path("port").asInt(), shown.toString());
    assertEquals("ams1", shown.path("attributes").path("site").asText(), shown.toString());

    // `telemetry targets add` against node B: node A's table and `targets list` against node A.
    Instant added = Instant.now();
    String answer = Cli.output("targets", "add", byCli.id(), "--host", byCli.host(),
        "--port", String.valueOf(byCli.port()), "-a", "site=fra2", "-m", nodeB.managementUrl().toString());
    assertTrue(answer.contains("target \"" + byCli.id() + "\" recorded on"), answer);
    Duration cliOnA = awaitTable(nodeA, byCli.id(), REFRESH.plus(MARGIN), added, t -> t.contains(byCli.id()));
    String list = Cli.output("targets", "list", "-m", nodeA.managementUrl().toString());
    assertTrue(list.lines().anyMatch(l -> l.startsWith(byCli.id() + " ") && l.contains("runtime")
        && l.contains(String.valueOf(byCli.port())) && l.contains("site=fra2")), list);
    System.out.printf("PUT on node A: on node B after %d ms; CLI add on node B: on node A after %d ms%n",
        putOnB.toMillis(), cliOnA.toMillis());

    Set<String> both = Set.of(byPut.id(), byCli.id());
    readUntil(r -> deliveredSince(r, put).containsAll(both), DELIVERY);
  }

  @Test
  @Order(3)
  void removalsThroughOneNodeLeaveBothTablesStopTheDevicesAndCloseTheirSessions() throws Exception {
    SimulatedDevice runtime = devices.get(4); // added by PUT: removed by DELETE on node B
    SimulatedDevice fromInventory = devices.get(0); // listed by the inventory: hidden by `targets remove` on node A
    Set<String> removed = ids(List.of(runtime, fromInventory));
    Set<String> kept = ids(List.of(devices.get(1), devices.get(2), devices.get(5)));
    Await.until("removed devices connected before the removal", Duration.ofSeconds(20),
        () -> runtime.openSshConnections() > 0 && fromInventory.openSshConnections() > 0);

    Instant deleted = Instant.now();
    String answer = new ManagementClient(nodeB.managementUrl()).removeTarget(runtime.id());
    assertTrue(answer.contains("removal of target \\\"" + runtime.id() + "\\\" recorded"), answer);
    String cliAnswer = Cli.output("targets", "remove", fromInventory.id(), "-m", nodeA.managementUrl().toString());
    assertTrue(cliAnswer.contains("removal of target \"" + fromInventory.id() + "\" recorded"), cliAnswer);
    Duration deleteOnA = awaitTable(nodeA, "no " + runtime.id(), REFRESH.plus(MARGIN), deleted,
        t -> !t.contains(runtime.id()));
    Duration removeOnB = awaitTable(nodeB, "no " + fromInventory.id(), REFRESH.plus(MARGIN), deleted,
        t -> !t.contains(fromInventory.id()));
    for (LocalNode node : List.of(nodeA, nodeB)) {
      Set<String> table = table(node);
      assertTrue(table.stream().noneMatch(removed::contains), node.name() + " still lists " + table);
      assertTrue(table.containsAll(kept), node.name() + " lost targets it should keep: " + table);
    }
    assertFalse(Cli.output("targets", "list", "-m", nodeB.managementUrl().toString()).lines()
        .anyMatch(l -> l.startsWith(fromInventory.id() + " ")), "targets list still shows " + fromInventory.id());
    System.out.printf("DELETE on node B: gone from node A after %d ms; CLI remove on node A: gone from node B"
        + " after %d ms%n", deleteOnA.toMillis(), removeOnB.toMillis());

    // Sessions closed: the simulated devices see their SSH connections go.
    Instant gone = Instant.now();
    Await.until("the removed devices' SSH sessions closed", STOP_GRACE.plusSeconds(15),
        () -> runtime.openSshConnections() == 0 && fromInventory.openSshConnections() == 0,
        () -> runtime.id() + " " + runtime.openSshConnections() + ", " + fromInventory.id() + " "
            + fromInventory.openSshConnections() + " open");
    System.out.printf("sessions of the removed devices closed %d ms after both tables showed the removal%n",
        Duration.between(gone, Instant.now()).toMillis());

    // No records after the grace period, while the kept devices go on.
    Instant settled = Instant.now().plus(STOP_GRACE);
    List<Polled> records = readUntil(r -> kept.stream().allMatch(id -> r.stream().anyMatch(
        x -> x.device().equals(id) && x.time().isAfter(settled.plus(POLL_INTERVAL.multipliedBy(3))))), DELIVERY);
    List<Polled> late = records.stream().filter(r -> removed.contains(r.device()) && r.time().isAfter(settled))
        .toList();
    assertTrue(late.isEmpty(), "removed devices delivered after " + settled + ": " + late);
    assertEquals(0, runtime.openSshConnections() + fromInventory.openSshConnections(),
        "a removed device connected again");
  }

  @Test
  @Order(4)
  void aReAddedDeviceStartsItsRatesAfreshBecauseTheRemovalDroppedThem() {
    SimulatedDevice device = devices.get(4);
    // It had rates before its removal, so readings kept across the removal would show.
    readUntil(r -> physical(r, device, Instant.EPOCH).anyMatch(x -> !x.sample().rates().isEmpty()),
        Duration.ofSeconds(20));

    Instant readded = Instant.now();
    new ManagementClient(nodeA.managementUrl()).putTarget(device.id(),
        "{\"host\":\"" + device.host() + "\",\"port\":" + device.port() + "}");
    // Two polls after the re-add: the first starts the rates, the second has them.
    List<Polled> after = readUntil(r -> physical(r, device, readded).map(Polled::time).distinct().count() >= 2,
        DELIVERY);
    List<Polled> polls = physical(after, device, readded).sorted((a, b) -> a.time().compareTo(b.time())).toList();
    Polled first = polls.get(0);
    assertTrue(first.sample().rates().isEmpty(), device.id() + "'s first sample after it was added again has rates "
        + first.sample().rates() + ": its readings from before the removal were kept");
    Polled second = polls.stream().filter(x -> x.time().isAfter(first.time())).findFirst().orElseThrow();
    assertFalse(second.sample().rates().isEmpty(), "the next sample of " + device.id() + " has rates again");
  }

  @Test
  @Order(5)
  void runTimeChangesSurviveAStopOfEveryNodeAndAStartOnTheSameFolders() throws Exception {
    SimulatedDevice added = devices.get(6); // PUT on node A just before the stop
    SimulatedDevice hidden = devices.get(1); // listed by the inventory: DELETE on node B just before the stop
    Instant changed = Instant.now();
    new ManagementClient(nodeA.managementUrl()).putTarget(added.id(),
        "{\"host\":\"" + added.host() + "\",\"port\":" + added.port() + ",\"site\":\"lon1\"}");
    new ManagementClient(nodeB.managementUrl()).removeTarget(hidden.id());
    for (LocalNode node : List.of(nodeA, nodeB)) {
      awaitTable(node, added.id() + " and no " + hidden.id(), REFRESH.plus(MARGIN), changed,
          t -> t.contains(added.id()) && !t.contains(hidden.id()));
    }
    // d0 and d1 hidden (inventory), d2 and d3 from the inventory, d4..d6 added at run time.
    Set<String> expected = ids(List.of(devices.get(2), devices.get(3), devices.get(4), devices.get(5), added));
    assertEquals(expected, table(nodeA), "the table before the stop");

    Instant stopping = Instant.now();
    List<LocalNode> stopped = cluster.stopAll();
    assertTrue(stopped.stream().allMatch(n -> !n.isAlive()), "every node stopped: " + stopped);
    Instant restarting = Instant.now();
    List<LocalNode> nodes = cluster.restart(stopped);
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
    cluster.awaitMembersUp(2, Duration.ofSeconds(60));
    Instant up = Instant.now();

    // d2 and d3 come back only with the new coordinator's first inventory refresh: by then the
    // overlay it read at start has already hidden d0 and d1 and added d4..d6.
    Set<String> inventoryBack = ids(List.of(devices.get(2), devices.get(3)));
    for (LocalNode node : List.of(nodeA, nodeB)) {
      awaitTable(node, "the inventory after the restart", REFRESH.plus(MARGIN), up, t -> t.containsAll(inventoryBack));
      assertEquals(expected, table(node), node.name() + "'s table after the restart");
    }
    JsonNode shown = JSON.readTree(Cli.output("targets", "show", added.id(), "-m", nodeB.managementUrl().toString()));
    assertEquals("runtime", shown.path("origin").asText(), shown.toString());
    assertEquals("lon1", shown.path("attributes").path("site").asText(), shown.toString());
    System.out.printf("whole cluster stopped in %d ms, up again in %d ms; table complete %d ms after that%n",
        Duration.between(stopping, restarting).toMillis(), Duration.between(restarting, up).toMillis(),
        Duration.between(up, Instant.now()).toMillis());

    // The additions deliver again; the hidden inventory targets stay silent.
    Set<String> runtime = ids(List.of(devices.get(4), devices.get(5), added));
    List<Polled> records = readUntil(r -> deliveredSince(r, up).containsAll(runtime), DELIVERY);
    Set<String> hiddenIds = ids(List.of(devices.get(0), hidden));
    List<Polled> late = records.stream().filter(r -> hiddenIds.contains(r.device()) && r.time().isAfter(restarting))
        .toList();
    assertTrue(late.isEmpty(), "hidden targets delivered after the restart: " + late);
    assertEquals(0, devices.get(0).openSshConnections() + hidden.openSshConnections(),
        "a hidden target was connected after the restart");
  }

  /** The device's samples of physical interfaces (the ones with rates) taken after {@code since}. */
  private static java.util.stream.Stream<Polled> physical(List<Polled> records, SimulatedDevice device, Instant since) {
    return records.stream().filter(x -> x.device().equals(device.id()) && x.time().isAfter(since)
        && !x.sample().tags().getOrDefault("interface", ".").contains("."));
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** One record: the device (key), the node that polled it (header) and the sample. */
  record Polled(String device, String node, SampleRecord sample) {
    Instant time() {
      return sample.time();
    }
  }

  private static String resourceJson(SimulatedDevice d) {
    return "{\"id\":\"" + d.id() + "\",\"host\":\"" + d.host() + "\",\"port\":" + d.port() + ",\"role\":\"edge\"}";
  }

  private static Set<String> ids(Collection<SimulatedDevice> list) {
    return list.stream().map(SimulatedDevice::id).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The target ids of the node's GET /telemetry/targets. */
  private static Set<String> table(LocalNode node) {
    try {
      JsonNode root = JSON.readTree(new ManagementClient(node.managementUrl()).targets());
      Set<String> ids = new TreeSet<>();
      root.path("targets").forEach(t -> ids.add(t.path("id").asText()));
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the node's table satisfies {@code done}; returns how long after {@code since} it did. */
  private static Duration awaitTable(LocalNode node, String what, Duration within, Instant since,
      Predicate<Set<String>> done) {
    Await.until(node.name() + "'s table showing " + what, within, () -> done.test(table(node)),
        () -> "; it has " + table(node));
    return Duration.between(since, Instant.now());
  }

  private static Set<String> deliveredSince(List<Polled> records, Instant since) {
    return records.stream().filter(r -> r.time().isAfter(since)).map(Polled::device).collect(Collectors.toSet());
  }

  private static List<Polled> readUntil(Predicate<List<Polled>> done, Duration within) {
    return decode(TopicReader.readUntil(broker.bootstrapServers(), List.of(TOPIC), raw -> done.test(decode(raw)),
        within));
  }

  private static List<Polled> decode(List<ConsumerRecord<String, byte[]>> raw) {
    return raw.stream().map(r -> {
      Header node = r.headers().lastHeader(SampleProducerRecords.NODE_HEADER);
      return new Polled(r.key(), node == null ? "?" : new String(node.value(), StandardCharsets.UTF_8),
          CODEC.decode(r.value()));
    }).toList();
  }

}
