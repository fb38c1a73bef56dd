package io.telemetry.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector on this machine's real {@code /proc}: the test opens a listening socket and a
 * connection to it on loopback, and the collector must find the service, the downstream (the
 * accepted side) and the upstream (the connecting side), all held by this JVM.
 */
class LoopbackDependenciesTest {

  @TempDir
  Path dir;

  @Test
  void findsTheServiceAndBothEndsOfAnIpv4LoopbackConnection() throws Exception {
    try (LoopbackConnection connection = LoopbackConnection.open("127.0.0.1")) {
      String port = Integer.toString(connection.serverPort());
      List<Sample> samples = pollOnce(Map.of());

      assertEquals(List.of(Map.of("protocol", "tcp", "address", "127.0.0.1", "port", port, "process", thisProcess())),
          tagsOf(samples, "listening_service", port));
      assertEquals(List.of(
              Map.of("direction", "upstream", "protocol", "tcp", "port", port, "process", thisProcess(),
                  "remote_address", "127.0.0.1"),
              Map.of("direction", "downstream", "protocol", "tcp", "port", port, "process", thisProcess(),
                  "remote_address", "127.0.0.1")),
          tagsOf(samples, "dependency", port));
      for (Sample dependency : samplesOf(samples, "dependency", port)) {
        assertEquals(Map.of("connections", 1.0), dependency.gauges(), dependency.toString());
      }
    }
  }

  @Test
  void namesLoopbackPeersFromTheInventory() throws Exception {
    Path inventory = Files.writeString(dir.resolve("inventory.json"),
        "[{\"ip_address\": \"127.0.0.0/8\", \"hostgroup\": \"this-host\", \"domain\": \"localhost\"}]");
    try (LoopbackConnection connection = LoopbackConnection.open("127.0.0.1")) {
      String port = Integer.toString(connection.serverPort());
      List<Sample> samples = pollOnce(Map.of("inventory", "file:" + inventory));
      assertEquals(List.of(
              Map.of("direction", "upstream", "protocol", "tcp", "port", port, "process", thisProcess(),
                  "remote_hostgroup", "this-host", "remote_domain", "localhost"),
              Map.of("direction", "downstream", "protocol", "tcp", "port", port, "process", thisProcess(),
                  "remote_hostgroup", "this-host", "remote_domain", "localhost")),
          tagsOf(samples, "dependency", port));
    }
  }

  @Test
  void leavesLoopbackPeersOutWhenAsked() throws Exception {
    try (LoopbackConnection connection = LoopbackConnection.open("127.0.0.1")) {
      String port = Integer.toString(connection.serverPort());
      List<Sample> samples = pollOnce(Map.of("include-loopback", false));
      assertEquals(1, tagsOf(samples, "listening_service", port).size());
      assertEquals(List.of(), tagsOf(samples, "dependency", port));
    }
  }

  @Test
  void findsAnIpv6LoopbackConnection() throws Exception {
    LoopbackConnection ipv6;
    try {
      ipv6 = LoopbackConnection.open("::1");
    } catch (IOException e) {
      Assumptions.abort("this machine has no IPv6 loopback (::1): " + e);
      return;
    }
    try (LoopbackConnection connection = ipv6) {
      String port = Integer.toString(connection.serverPort());
      List<Sample> samples = pollOnce(Map.of());
      // Only the ::1 listener: another process on this machine may listen on the same port number over IPv4.
      assertEquals(List.of(Map.of("protocol", "tcp", "address", "::1", "port", port, "process", thisProcess())),
          tagsOf(samples, "listening_service", port).stream().filter(tags -> "::1".equals(tags.get("address"))).toList());
      assertEquals(List.of(
              Map.of("direction", "upstream", "protocol", "tcp", "port", port, "process", thisProcess(),
                  "remote_address", "::1"),
              Map.of("direction", "downstream", "protocol", "tcp", "port", port, "process", thisProcess(),
                  "remote_address", "::1")),
          tagsOf(samples, "dependency", port));
    }
  }

  private static List<Sample> pollOnce(Map<String, Object> settings) throws Exception {
    CollectorSpec spec = new CollectorSpec(HostDependenciesCollectorFactory.TYPE, Duration.ofSeconds(30),
        ConfigFactory.parseMap(settings), "telemetry.targets[0].collectors[0]");
    Target target = new Target("node-host", "localhost", 830, new Credentials("", Optional.empty(), Optional.empty()),
        List.of(spec), Duration.ofSeconds(5), Map.of());
    HostDependenciesCollectorFactory factory = new HostDependenciesCollectorFactory();
    factory.validate(target, spec);
    try (Collector collector = factory.create(target, spec)) {
      collector.open(null); // needs no session
      return collector.poll(Instant.now()).samples();
    }
  }

  private static List<Sample> samplesOf(List<Sample> samples, String family, String port) {
    return samples.stream().filter(s -> s.family().equals(family) && port.equals(s.tags().get("port")))
        .sorted((a, b) -> b.tags().getOrDefault("direction", "").compareTo(a.tags().getOrDefault("direction", "")))
        .toList();
  }

  /** Upstream first. */
  private static List<Map<String, String>> tagsOf(List<Sample> samples, String family, String port) {
    return samplesOf(samples, family, port).stream().map(Sample::tags).toList();
  }

  /**
   * The kernel names a process after its executable's file name, cut to 15 characters
   * ({@code TASK_COMM_LEN}); for a JVM started as .../bin/java that is {@code java}.
   */
  private static String thisProcess() {
    String command = ProcessHandle.current().info().command().orElseThrow();
    String name = Path.of(command).getFileName().toString();
    assertTrue(!name.isEmpty());
    return name.length() > 15 ? name.substring(0, 15) : name;
  }
}
