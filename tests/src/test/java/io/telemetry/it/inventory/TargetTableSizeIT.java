package io.telemetry.it.inventory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.host.cluster.LocalCluster;
import io.telemetry.host.cluster.LocalNode;
import io.telemetry.host.cluster.ManagementClient;
import io.telemetry.it.support.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 at size: an inventory of 10,000 resources on a two-node cluster (LocalCluster). The
 * coordinator's table (one Distributed Data value, ~1.7 MB as plain CBOR) must reach the other
 * node whole, by the coordinator's majority write, and no node may log an oversized message.
 *
 * <p>To keep two node JVMs calm on a 2-core machine, the targets have one collector that opens
 * nothing (meraki: each poll is its own HTTP request) polling hourly, so first polls are spread
 * over an hour; its API is a closed port on 127.0.0.1 (a fast refusal), with no retries. No broker:
 * nothing is delivered. How long the table took to reach each node is printed, not asserted tightly.
 */
class TargetTableSizeIT {

  private static final int RESOURCES = 10_000;
  private static final Duration REFRESH = Duration.ofSeconds(3);
  /**
   * A refresh, the table's build and publication, its spread and the listener's build of 10,000
   * targets on a loaded 2-core machine: a few refreshes. By gossip alone it could still arrive;
   * the majority write is checked separately.
   */
  private static final Duration SPREAD = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path workDir;

  @Test
  void aTableOfTenThousandTargetsReachesTheOtherNodeByTheMajorityWrite() throws IOException {
    Path inventory = workDir.resolve("inventory.json");
    write(inventory, "[]");
    try (LocalCluster cluster = LocalCluster.builder(workDir.resolve("nodes")).settings(settings(inventory))
        .jvmOptions(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto")).build()) {
      cluster.start(2);
      cluster.awaitMembersUp(2, Duration.ofSeconds(60));
      LocalNode nodeA = cluster.nodes().get(0);
      LocalNode nodeB = cluster.nodes().get(1);

      Instant written = Instant.now();
      write(inventory, resources(RESOURCES));
      Duration onA = awaitAllTargets(nodeA, written);
      Duration onB = awaitAllTargets(nodeB, written);
      long version = version(nodeB);
      System.out.printf(Locale.ROOT, "target table of %,d targets (version %d): on %s after %d ms, on %s after %d ms%n",
          RESOURCES, version, nodeA.name(), onA.toMillis(), nodeB.name(), onB.toMillis());

      // What Artery and the replicator said about the size, for the record.
      System.out.println("size-related log lines: " + linesAbout(nodeA, nodeB, "versized") + " "
          + linesAbout(nodeA, nodeB, "Distributed data size"));

      // The coordinator (a singleton, on either node) logs how each version's write went.
      String writtenToMajority = "table version " + version + " written to a majority of nodes";
      Await.until("the coordinator's log: " + writtenToMajority, Duration.ofSeconds(20),
          () -> log(nodeA).contains(writtenToMajority) || log(nodeB).contains(writtenToMajority),
          () -> "; its lines about version " + version + ": " + linesAbout(nodeA, nodeB, "table version " + version + " "));
      for (LocalNode node : List.of(nodeA, nodeB)) {
        List<String> oversized = log(node).lines().filter(l -> l.toLowerCase(Locale.ROOT).contains("oversized")).toList();
        assertTrue(oversized.isEmpty(), node.name() + " logged oversized messages (" + node.logFile() + "): " + oversized);
      }
    }
  }

  private static Config settings(Path inventory) {
    return ConfigFactory.parseString("""
        telemetry.kafka.bootstrap-servers = "127.0.0.1:9"
        telemetry.kafka.topics.create = off
        # Entities are started by the table listener; the keeper's re-assertion is not under test.
        telemetry.device.keep-alive-interval = 10m
        telemetry.inventory {
          refresh-interval = %ds
          sources = [ { type = file, path = "%s" } ]
          policies = [ {
            interval = 1h
            collectors = [ { type = meraki, organization-id = "1", api-key = "test", retries = 0,
                             base-url = "http://127.0.0.1:9/api/v1", collect = [ uplinks ] } ]
          } ]
        }
        """.formatted(REFRESH.toSeconds(), inventory));
  }

  /** Resources shaped like a real inventory's (bench inventory's generator: ~6 attributes each). */
  private static String resources(int count) {
    String[] vendors = {"juniper", "cisco", "arista", "nokia"};
    String[] roles = {"core", "edge", "aggregation", "access", "lab", "oob"};
    return IntStream.range(0, count).mapToObj(i -> String.format(Locale.ROOT,
        "{\"id\":\"rtr-%06d\",\"host\":\"10.%d.%d.%d\",\"vendor\":\"%s\",\"model\":\"model-%d\","
            + "\"os_version\":\"%d.%d.R%d\",\"site\":\"site-%02d\",\"role\":\"%s\",\"owner\":\"team-%d\"}",
        i, i / 65536, i / 256 % 256, i % 256, vendors[i % 4], i % 17, 18 + i % 5, i % 4 + 1, i % 3 + 1, i % 24,
        roles[i % 6], i % 5)).collect(Collectors.joining(",\n", "[\n", "\n]\n"));
  }

  /** Atomically, so a refresh never reads half a file. */
  private static void write(Path file, String text) throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.writeString(next, text, StandardCharsets.UTF_8);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private Duration awaitAllTargets(LocalNode node, Instant since) {
    Await.until(node.name() + "'s GET /telemetry/targets listing all " + RESOURCES + " targets", SPREAD,
        () -> targets(node).size() == RESOURCES, () -> "; it lists " + targets(node).size()
            + " (version " + version(node) + ")");
    return Duration.between(since, Instant.now());
  }

  private static JsonNode table(LocalNode node) {
    try {
      return JSON.readTree(new ManagementClient(node.managementUrl())
          .targets());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode targets(LocalNode node) {
    return table(node).path("targets");
  }

  private static long version(LocalNode node) {
    return table(node).path("version").asLong();
  }

  private static String log(LocalNode node) {
    try {
      return Files.readString(node.logFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + node.logFile(), e);
    }
  }

  private static String linesAbout(LocalNode a, LocalNode b, String text) {
    return (log(a) + log(b)).lines().filter(l -> l.contains(text)).toList().toString();
  }
}
