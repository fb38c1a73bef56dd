package io.telemetry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.host.cluster.LocalCluster;
import io.telemetry.host.cluster.LocalNode;
import io.telemetry.host.demo.FleetTargets;
import io.telemetry.inventory.Target;
import io.telemetry.it.cluster.ClusterRecords.Polled;
import io.telemetry.it.cluster.DeviceTimelines.Poll;
import io.telemetry.it.cluster.DeviceTimelines.Span;
import io.telemetry.it.support.Await;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import io.telemetry.simulate.SimulatedFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node JVMs on loopback addresses (127.0.0.1-3), 90 simulated devices, the real broker.
 * The phases run in order on one cluster: spread, kill -9 of a node, a new node joining, a graceful
 * leave; then every record written so far is checked for a single writer per device and for rates
 * without gaps, negatives or spikes across the moves. Everything is judged from Kafka.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {

  private static final int DEVICES = 90;
  private static final int INTERFACES = 2;
  private static final String TOPIC = "telemetry.metrics.interface";
  private static final Duration INTERVAL = Duration.ofSeconds(3);
  // Failure detection: heartbeats every 500 ms, 2 s of silence accepted, then the SBR waits 3 s.
  private static final Duration HEARTBEAT = Duration.ofMillis(500);
  private static final Duration ACCEPTABLE_PAUSE = Duration.ofSeconds(2);
  private static final Duration STABLE_AFTER = Duration.ofSeconds(3);
  /** Sharding waits this long after the removal before it reallocates (default: stable-after). */
  private static final Duration REMOVAL_MARGIN = Duration.ofSeconds(1);
  /**
   * The leader's removal tick (1 s), shard reallocation, SSH session set-up on the new node, and
   * a 2-core machine that other builds share.
   */
  private static final Duration MARGIN = Duration.ofSeconds(6);

  @TempDir
  static Path workDir;

  static EmbeddedKafka broker;
  static SimulatedFleet fleet;
  static LocalCluster cluster;
  static ClusterRecords records;
  /** Membership changes the devices went through, bounding how often a device may change nodes. */
  static int membershipChanges;

  @BeforeAll
  static void startCluster() throws Exception {
    broker = EmbeddedKafka.builder().dataDir(workDir.resolve("kafka")).partitions(6).build().start();
    // Every topic up front: an idempotent producer racing a topic's auto-creation can get stuck
    // on out-of-order sequence numbers for that partition.
    broker.createTopics(JunosNetconfCollectorFactory.FAMILIES.stream().map(f -> "telemetry.metrics." + f)
        .toArray(String[]::new));
    fleet = SimulatedFleet.start(FleetSpec.of(DEVICES).withInterfaces(INTERFACES)
        .withHostKeyFile(workDir.resolve("simulator-host-key")));
    fleet.writeKnownHosts(workDir.resolve("known_hosts"));
    cluster = LocalCluster.builder(workDir.resolve("nodes")).settings(clusterSettings()).build();
    cluster.start(3);
    membershipChanges = 1;
    records = new ClusterRecords(broker.bootstrapServers(), TOPIC, Duration.ofSeconds(60));
  }

  private static Config clusterSettings() {
    List<Target> targets = fleet.targets(INTERVAL, Duration.ofSeconds(5)).stream()
        .map(t -> new Target(t.id(), t.host(), t.port(), t.credentials(),
            List.of(new CollectorSpec("junos-netconf", INTERVAL,
                ConfigFactory.parseString("rpcs = [interfaces, route-engine]"), "collectors[0]")),
            t.timeout(), t.labels()))
        .toList();
    return ConfigFactory.parseString(String.join("\n",
        "telemetry.kafka.bootstrap-servers = \"" + broker.bootstrapServers() + "\"",
        "telemetry.ssh.known-hosts = \"" + workDir.resolve("known_hosts") + "\"",
        "telemetry.device.keep-alive-interval = 2s",
        "telemetry.cluster.split-brain-resolver.stable-after = " + STABLE_AFTER.toMillis() + "ms",
        "telemetry.cluster.split-brain-resolver.down-removal-margin = " + REMOVAL_MARGIN.toMillis() + "ms",
        "telemetry.cluster.rebalance-interval = 2s",
        "pekko.cluster.failure-detector.heartbeat-interval = " + HEARTBEAT.toMillis() + "ms",
        "pekko.cluster.failure-detector.acceptable-heartbeat-pause = " + ACCEPTABLE_PAUSE.toMillis() + "ms",
        "pekko.cluster.sharding.least-shard-allocation-strategy.rebalance-relative-limit = 0.5",
        "pekko.cluster.distributed-data.gossip-interval = 1s",
        "pekko.loglevel = INFO"))
        .withFallback(FleetTargets.asConfig(targets));
  }

  @AfterAll
  static void stopAll() {
    if (records != null) {
      records.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (fleet != null) {
      fleet.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Order(1)
  void everyNodePollsAboutAThird() {
    awaitEvenSpread(Set.of("node-1", "node-2", "node-3"), Duration.ofSeconds(90));
  }

  @Test
  @Order(2)
  void killedNodesDevicesDeliverAgainWithinTheBound() {
    LocalNode victim = cluster.node("node-2");
    Map<String, String> owners = DeviceTimelines.owners(records.all(), Instant.now().minus(INTERVAL.multipliedBy(2)));
    List<String> orphans = owners.entrySet().stream().filter(e -> e.getValue().equals(victim.name()))
        .map(Map.Entry::getKey).toList();
    assertFalse(orphans.isEmpty(), "node-2 polled no device before the kill: " + DeviceTimelines.perNode(owners));

    Instant killedAt = Instant.now();
    cluster.kill(victim);
    membershipChanges++;
    Duration bound = ACCEPTABLE_PAUSE.plus(HEARTBEAT).plus(STABLE_AFTER).plus(REMOVAL_MARGIN).plus(INTERVAL).plus(MARGIN);
    Await.until("every device of the killed node delivering again", bound.plusSeconds(30),
        () -> deliveredAfter(records.all(), killedAt).keySet().containsAll(orphans),
        () -> "missing: " + missing(orphans, deliveredAfter(records.all(), killedAt)));

    Map<String, Instant> again = deliveredAfter(records.all(), killedAt);
    Map<String, Duration> late = new TreeMap<>();
    Duration worst = Duration.ZERO;
    for (String device : orphans) {
      Duration took = Duration.between(killedAt, again.get(device));
      worst = took.compareTo(worst) > 0 ? took : worst;
      if (took.compareTo(bound) > 0) {
        late.put(device, took);
      }
    }
    System.out.printf("kill -9 of node-2: %d devices moved, the last delivered again after %d ms (bound %d ms)%n",
        orphans.size(), worst.toMillis(), bound.toMillis());
    assertTrue(late.isEmpty(), "devices delivering again later than " + bound + " after the kill: " + late);
    Await.until("every device delivering after the kill", Duration.ofSeconds(30),
        () -> deliveredAfter(records.all(), killedAt).size() == DEVICES);
  }

  @Test
  @Order(3)
  void aJoiningNodeTakesItsShare() {
    cluster.awaitMembersUp(2, Duration.ofSeconds(30));
    LocalNode joined = cluster.addNode();
    membershipChanges++;
    awaitEvenSpread(Set.of("node-1", "node-3", joined.name()), Duration.ofSeconds(60));
  }

  @Test
  @Order(4)
  void aGracefulLeaveMissesAtMostOnePoll() {
    cluster.awaitMembersUp(3, Duration.ofSeconds(30));
    LocalNode leaving = cluster.node("node-3");
    Instant from = Instant.now().minus(INTERVAL.multipliedBy(2));
    Map<String, String> owners = DeviceTimelines.owners(records.all(), from);
    List<String> moving = owners.entrySet().stream().filter(e -> e.getValue().equals(leaving.name()))
        .map(Map.Entry::getKey).toList();
    assertFalse(moving.isEmpty(), "node-3 polled no device before leaving");

    Instant stoppedAt = Instant.now();
    cluster.stop(leaving);
    membershipChanges++;
    Instant until = Instant.now().plus(INTERVAL.multipliedBy(4));
    Await.until("every device polled after the leave, by the remaining nodes", Duration.ofSeconds(40),
        () -> Instant.now().isAfter(until) && deliveredAfter(records.all(), stoppedAt).size() == DEVICES);

    // Missing one poll leaves a gap of two intervals, two a gap of three: allow two intervals and
    // some of the third for the moved device's new SSH session.
    Duration allowed = INTERVAL.multipliedBy(2).plus(INTERVAL.multipliedBy(2).dividedBy(3));
    Map<String, List<Poll>> polls = DeviceTimelines.polls(records.all(), INTERVAL);
    Map<String, Duration> gaps = new TreeMap<>();
    Duration worst = Duration.ZERO;
    for (String device : moving) {
      List<Poll> around = polls.get(device).stream()
          .filter(p -> !p.time().isBefore(from) && !p.time().isAfter(until)).toList();
      for (int i = 1; i < around.size(); i++) {
        Duration gap = Duration.between(around.get(i - 1).time(), around.get(i).time());
        worst = gap.compareTo(worst) > 0 ? gap : worst;
        if (gap.compareTo(allowed) > 0) {
          gaps.merge(device, gap, (a, b) -> a.compareTo(b) > 0 ? a : b);
        }
      }
    }
    System.out.printf("graceful leave of node-3: %d devices moved, longest gap between polls %d ms (allowed %d ms)%n",
        moving.size(), worst.toMillis(), allowed.toMillis());
    assertTrue(gaps.isEmpty(), "devices that missed more than one poll across the leave: " + gaps);
  }

  @Test
  @Order(5)
  void eachDeviceHadOneWriterAtATime() {
    Map<String, List<Poll>> polls = DeviceTimelines.polls(records.all(), INTERVAL);
    assertEquals(DEVICES, polls.size());
    int moves = 0;
    for (Map.Entry<String, List<Poll>> device : polls.entrySet()) {
      List<Span> spans = DeviceTimelines.spans(device.getValue());
      for (int i = 1; i < spans.size(); i++) {
        Span before = spans.get(i - 1);
        Span after = spans.get(i);
        assertTrue(after.first().isAfter(before.last()), device.getKey() + ": " + after.node()
            + " polled from " + after.first() + " while " + before.node() + " still polled until " + before.last());
      }
      // Two nodes polling at once would alternate poll by poll; each membership change moves a device
      // at most twice (away from a node, and back by a rebalance).
      assertTrue(spans.size() - 1 <= 2 * membershipChanges, device.getKey() + " changed nodes "
          + (spans.size() - 1) + " times in " + membershipChanges + " membership changes: " + spans);
      moves += spans.size() - 1;
    }
    assertTrue(moves >= 10, "the phases moved only " + moves + " devices");
  }

  @Test
  @Order(6)
  void ratesStayCorrectAcrossMoves() {
    Map<String, List<Polled>> bySeries = new TreeMap<>();
    for (Polled r : records.all()) {
      String iface = r.sample().tags().get("interface");
      if (!iface.contains(".")) { // the simulator states rates for physical interfaces
        bySeries.computeIfAbsent(r.device() + "/" + iface, k -> new ArrayList<>()).add(r);
      }
    }
    int checkedMoves = 0;
    for (Map.Entry<String, List<Polled>> series : bySeries.entrySet()) {
      List<Polled> list = new ArrayList<>(series.getValue());
      list.sort((a, b) -> a.time().compareTo(b.time()));
      SimulatedDevice device = fleet.device(list.get(0).device());
      String iface = list.get(0).sample().tags().get("interface");
      for (int i = 0; i < list.size(); i++) {
        Polled r = list.get(i);
        boolean moved = i > 0 && !list.get(i - 1).node().equals(r.node());
        String where = series.getKey() + " on " + r.node() + " at " + r.time() + (moved ? " (first after a move)" : "");
        if (moved) {
          // The first poll on the new node continues the old node's readings: it has rates at once.
          assertEquals(r.sample().counters().keySet(), r.sample().rates().keySet(), where + " lacks rates");
          checkedMoves++;
        }
        for (Map.Entry<String, Double> rate : r.sample().rates().entrySet()) {
          String counter = rate.getKey();
          // The rate is the counter's growth since an earlier reading of the series in Kafka: the
          // previous one, or after a move possibly the one before (a replica one gossip behind).
          int baselines = moved ? 3 : 1;
          boolean fromAReading = false;
          for (int back = 1; back <= baselines && i - back >= 0; back++) {
            fromAReading |= Math.abs(rate.getValue() - rateBetween(list.get(i - back), r, counter))
                <= 1e-6 * Math.max(1, rate.getValue());
          }
          double expected = device.expectedRate(iface, counter);
          // A killed node may have published a reading whose record it never wrote: then only
          // the simulator's rate can vouch for the first step after the move.
          boolean unwrittenBaseline = moved && !fromAReading
              && Math.abs(rate.getValue() - expected) <= expected * 0.5 + 1;
          assertTrue(fromAReading || unwrittenBaseline, where + ": " + counter + " rate " + rate.getValue()
              + " is not the growth since any of the last " + baselines + " readings (simulator: " + expected + ")");
          // No negatives and no spikes: within the simulator's traffic, with room for the reply-time
          // jitter of one step on a loaded machine; a baseline lost or mixed up is far outside.
          assertTrue(rate.getValue() >= 0 && rate.getValue() <= expected * 4 + 1,
              where + ": " + counter + " rate " + rate.getValue() + ", the simulator's " + expected);
        }
      }
    }
    assertTrue(checkedMoves >= 10, "only " + checkedMoves + " series moved between nodes");
  }

  private static double rateBetween(Polled before, Polled after, String counter) {
    Long from = before.sample().counters().get(counter);
    Long to = after.sample().counters().get(counter);
    if (from == null || to == null) {
      return Double.NaN;
    }
    return (to - from) / ((after.sample().timeUnixNano() - before.sample().timeUnixNano()) / 1e9);
  }

  /** Each device's first record with a sample time after {@code since}. */
  private static Map<String, Instant> deliveredAfter(List<Polled> all, Instant since) {
    Map<String, Instant> first = new TreeMap<>();
    for (Polled r : all) {
      if (r.time().isAfter(since)) {
        first.merge(r.device(), r.time(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    return first;
  }

  private static List<String> missing(List<String> devices, Map<String, Instant> delivered) {
    return devices.stream().filter(d -> !delivered.containsKey(d)).toList();
  }

  /** Waits until the devices polled in the last two intervals are all of them, spread evenly over {@code nodes}. */
  private static void awaitEvenSpread(Set<String> nodes, Duration within) {
    int share = DEVICES / nodes.size();
    Await.until("every device polled, each of " + nodes + " polling " + share + " +-50%", within, () -> {
      Map<String, Integer> perNode = DeviceTimelines.perNode(
          DeviceTimelines.owners(records.all(), Instant.now().minus(INTERVAL.multipliedBy(2))));
      return perNode.keySet().equals(nodes) && perNode.values().stream().mapToInt(Integer::intValue).sum() == DEVICES
          && perNode.values().stream().allMatch(n -> n >= share / 2 && n <= share * 3 / 2);
    }, () -> "last: " + DeviceTimelines.perNode(DeviceTimelines.owners(records.all(),
        Instant.now().minus(INTERVAL.multipliedBy(2)))));
    System.out.println("spread over " + nodes + ": " + DeviceTimelines.perNode(DeviceTimelines.owners(records.all(),
        Instant.now().minus(INTERVAL.multipliedBy(2)))));
  }
}
