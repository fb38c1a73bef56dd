package io.telemetry.it.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.TopicReader;
import io.telemetry.simulate.FleetSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-dependencies collector through the real node into the real broker: a loopback
 * connection the test opens (both ends in this JVM, which also runs the node) arrives in the
 * family topics as a listening service, a downstream and an upstream dependency, keyed by the
 * target id and named by the inventory's hostgroup.
 */
class HostDependenciesIT {

  private static final String TARGET = "node-host";
  private static final String HOSTGROUP = "it-loopback";
  private static final String DOMAIN = "loopback.it.example";

  @TempDir
  Path workDir;

  @Test
  void aLoopbackConnectionArrivesKeyedByTheTargetWithItsHostgroup() throws Exception {
    Path inventory = Files.writeString(workDir.resolve("inventory.ndjson"),
        "{\"ip_address\": \"10.0.0.0/8\", \"hostgroup\": \"datacenter\"}\n"
            + "{\"ip_address\": \"127.0.0.1\", \"hostgroup\": \"" + HOSTGROUP + "\", \"domain\": \"" + DOMAIN + "\"}\n");
    try (LocalStack stack = LocalStack.startWithoutNode(workDir.resolve("stack"), FleetSpec.of(1).withInterfaces(1));
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Socket client = new Socket(InetAddress.getByName("127.0.0.1"), server.getLocalPort());
        Socket accepted = server.accept()) {
      String port = Integer.toString(server.getLocalPort());
      // The connection is up both ways before the node starts looking.
      client.getOutputStream().write(42);
      assertEquals(42, accepted.getInputStream().read());
      CollectorSpec spec = new CollectorSpec("host-dependencies", Duration.ofSeconds(1),
          ConfigFactory.parseMap(Map.of("inventory", "file:" + inventory, "inventory-refresh", "1m")), "it");
      Target target = new Target(TARGET, "localhost", 830, new Credentials("", Optional.empty(), Optional.empty()),
          List.of(spec), Duration.ofSeconds(5), Map.of());
      stack.startNode(List.of(target), ConfigFactory.empty());
      String bootstrap = stack.broker().bootstrapServers();

      Predicate<Decoded> upstream = r -> hasTags(r, Map.of("direction", "upstream", "port", port));
      Predicate<Decoded> downstream = r -> hasTags(r, Map.of("direction", "downstream", "port", port));
      List<Decoded> dependencies = DecodedRecords.decode(TopicReader.readUntil(bootstrap,
          List.of("telemetry.metrics.dependency"),
          records -> {
            List<Decoded> decoded = DecodedRecords.decode(records);
            return decoded.stream().anyMatch(upstream) && decoded.stream().anyMatch(downstream);
          }, Duration.ofSeconds(60)));
      List<Decoded> services = DecodedRecords.decode(TopicReader.readUntil(bootstrap,
          List.of("telemetry.metrics.listening_service"),
          records -> DecodedRecords.decode(records).stream().anyMatch(r -> hasTags(r, Map.of("port", port))),
          Duration.ofSeconds(30)));
      List<Decoded> status = DecodedRecords.decode(TopicReader.readUntil(bootstrap,
          List.of("telemetry.metrics.dependency_status"), records -> !records.isEmpty(), Duration.ofSeconds(30)));

      String process = thisProcess();
      for (Predicate<Decoded> side : List.of(upstream, downstream)) {
        Decoded record = dependencies.stream().filter(side).findFirst().orElseThrow();
        assertEquals(TARGET, record.key(), "keyed by the target id");
        assertEquals(TARGET, record.sample().device());
        assertEquals("dependency", record.sample().family());
        assertEquals("local-node", record.sample().node());
        assertEquals(Map.of("direction", record.sample().tags().get("direction"), "protocol", "tcp", "port", port,
            "process", process, "remote_hostgroup", HOSTGROUP, "remote_domain", DOMAIN), record.sample().tags());
        assertEquals(Map.of("connections", 1.0), record.sample().gauges());
      }
      Decoded service = services.stream().filter(r -> hasTags(r, Map.of("port", port))).findFirst().orElseThrow();
      assertEquals(TARGET, service.key());
      assertEquals(Map.of("protocol", "tcp", "address", "127.0.0.1", "port", port, "process", process),
          service.sample().tags());
      assertEquals(Map.of("listening", 1.0), service.sample().gauges());

      Decoded first = status.get(0);
      assertEquals(TARGET, first.key());
      assertEquals(2.0, first.sample().gauges().get("inventory_entries"));
      assertEquals(0L, first.sample().counters().get("inventory_failures"));
      assertTrue(first.sample().counters().get("inventory_loads") >= 1);
    }
  }

  private static boolean hasTags(Decoded record, Map<String, String> tags) {
    return tags.entrySet().stream().allMatch(e -> e.getValue().equals(record.sample().tags().get(e.getKey())));
  }

  /** The kernel's name of this JVM: its executable's file name, at most 15 characters. */
  private static String thisProcess() {
    String name = Path.of(ProcessHandle.current().info().command().orElseThrow()).getFileName().toString();
    return name.length() > 15 ? name.substring(0, 15) : name;
  }
}
