package io.telemetry.it.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.device.DeviceActor;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.Cli;
import io.telemetry.it.support.CapturedLogs;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.ServedDocuments;
import io.telemetry.it.support.TopicReader;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: targets come and go at run time. The test serves the inventory over HTTP; one node
 * (with the real broker and simulated devices) reloads it every second. Adding 10 targets makes
 * them deliver, removing 5 stops them, switching one to wrong credentials fails it with an error
 * naming it and switching back recovers it, all without restarting the node. The inventory's
 * site and role labels arrive on the samples as tags, and {@code telemetry targets list} shows the table.
 */
class RuntimeInventoryIT {

  private static final String TOPIC = "telemetry.metrics.interface";
  private static final String INVENTORY = "/inventory";
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  /** One refresh (1 s) + table spread + entity stop, with room for a busy machine. */
  private static final Duration MARGIN = Duration.ofSeconds(4);

  @TempDir
  static Path workDir;

  static LocalStack stack;
  /** Serves the inventory the node reloads at {@link #INVENTORY}. */
  static ServedDocuments documents;
  static String managementUrl;

  @BeforeAll
  static void start() throws IOException {
    documents = ServedDocuments.start();
    documents.put(INVENTORY, "[]");
    stack = LocalStack.startWithoutNode(workDir, FleetSpec.of(10).withInterfaces(1));
    int managementPort = freePort();
    managementUrl = "http://127.0.0.1:" + managementPort;
    String user = stack.fleet().spec().username();
    String password = stack.fleet().spec().password();
    Config inventoryConfig = ConfigFactory.parseString("""
        telemetry.management.port = %d
        telemetry.device.reconnect-backoff-max = 2s
        telemetry.inventory {
          refresh-interval = 1s
          sources = [ { type = http, url = "%s", timeout = 2s } ]
          credentials {
            fleet { username = "%s", password = "%s" }
            stale { username = "%s", password = "not-the-password" }
          }
          policies = [
            { select = "login = \\"stale\\"", collectors = [ junos-netconf ], interval = 1s, credentials = stale,
              labels = [ site, role ] }
            { collectors = [ junos-netconf ], interval = 1s, credentials = fleet, labels = [ site, role ] }
          ]
        }
        """.formatted(managementPort, documents.url(INVENTORY), user, password, user));
    stack.startNode(List.of(), inventoryConfig);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (documents != null) {
      documents.close();
    }
  }

  @Test
  void targetsComeGoAndChangeWithoutARestart() throws Exception {
    List<SimulatedDevice> devices = new ArrayList<>(stack.fleet().devices());
    devices.sort((a, b) -> a.id().compareTo(b.id()));
    Set<String> all = devices.stream().map(SimulatedDevice::id).collect(Collectors.toSet());

    // Add 10: every one delivers, with the inventory's labels as tags.
    documents.put(INVENTORY, json(devices, Map.of()));
    List<Decoded> records = readUntil(r -> keys(r).containsAll(all), Duration.ofSeconds(40));
    for (SimulatedDevice d : devices) {
      Decoded one = records.stream().filter(r -> r.key().equals(d.id())).findFirst().orElseThrow();
      assertEquals(site(d), one.sample().tags().get("site"), d.id() + " carries its inventory site");
      assertEquals("edge", one.sample().tags().get("role"), d.id() + " carries its inventory role");
      assertTrue(!one.sample().tags().containsKey("login"), "only the policy's labels become tags");
    }

    // The CLI shows the table.
    String listed = Cli.output("targets", "list", "-m", managementUrl);
    for (SimulatedDevice d : devices) {
      assertTrue(listed.contains(d.id()), "targets list shows " + d.id() + ":\n" + listed);
    }
    assertTrue(listed.contains("inventory") && listed.contains("site=" + site(devices.get(0))), listed);
    assertTrue(!listed.contains(stack.fleet().spec().password()), "no secret is printed");

    // Remove 5: they stop delivering; the other 5 go on.
    List<SimulatedDevice> kept = devices.subList(0, 5);
    Set<String> removed = devices.subList(5, 10).stream().map(SimulatedDevice::id).collect(Collectors.toSet());
    documents.put(INVENTORY, json(kept, Map.of()));
    Await.until("the table without the removed targets", Duration.ofSeconds(15),
        () -> removed.stream().noneMatch(id -> cliQuiet("targets", "list", "-m", managementUrl).contains(id + " ")));
    Instant removedAt = Instant.now();
    Instant settled = removedAt.plus(INTERVAL).plus(MARGIN);
    Set<String> keptIds = kept.stream().map(SimulatedDevice::id).collect(Collectors.toSet());
    records = readUntil(r -> keptIds.stream().allMatch(id -> r.stream().anyMatch(
        x -> x.key().equals(id) && x.sample().time().isAfter(settled.plusSeconds(2)))), Duration.ofSeconds(30));
    for (Decoded r : records) {
      if (removed.contains(r.key())) {
        assertTrue(r.sample().time().isBefore(settled), r.key() + " was removed at " + removedAt
            + " but delivered a sample taken at " + r.sample().time());
      }
    }

    // Change the credentials of one to a wrong password: it fails, naming the device; back: it recovers.
    SimulatedDevice changed = kept.get(0);
    try (CapturedLogs logs = new CapturedLogs(DeviceActor.class)) {
      documents.put(INVENTORY, json(kept, Map.of(changed.id(), "stale")));
      Await.until(changed.id() + " failing to log in", Duration.ofSeconds(20),
          () -> logs.messages().stream().anyMatch(m -> m.startsWith("device " + changed.id() + ":")
              && m.contains("could not open")),
          () -> String.join("\n", logs.messages()));
      String error = logs.messages().stream().filter(m -> m.startsWith("device " + changed.id() + ":")
          && m.contains("could not open")).findFirst().orElseThrow();
      assertTrue(error.toLowerCase().contains("auth"), "the error says what failed: " + error);
    }
    Instant failingSince = Instant.now().plus(INTERVAL);
    documents.put(INVENTORY, json(kept, Map.of()));
    Instant fixedAt = Instant.now();
    records = readUntil(r -> r.stream().anyMatch(x -> x.key().equals(changed.id())
        && x.sample().time().isAfter(fixedAt)), Duration.ofSeconds(30));
    assertTrue(records.stream().anyMatch(x -> x.key().equals(changed.id()) && x.sample().time().isAfter(fixedAt)),
        changed.id() + " recovers with the right password");
    assertTrue(failingSince.isBefore(fixedAt.plusSeconds(1)));
  }

  private static List<Decoded> readUntil(java.util.function.Predicate<List<Decoded>> done, Duration within) {
    return DecodedRecords.decode(TopicReader.readUntil(stack.broker().bootstrapServers(), List.of(TOPIC),
        raw -> done.test(DecodedRecords.decode(raw)), within));
  }

  private static Set<String> keys(List<Decoded> records) {
    return records.stream().map(Decoded::key).collect(Collectors.toCollection(HashSet::new));
  }

  private static String site(SimulatedDevice d) {
    return "site-" + (Math.abs(d.id().hashCode()) % 3);
  }

  /** The inventory as JSON; {@code logins} marks devices whose login attribute selects another credential set. */
  private static String json(List<SimulatedDevice> devices, Map<String, String> logins) {
    return devices.stream().map(d -> "{\"id\":\"" + d.id() + "\",\"host\":\"" + d.host() + "\",\"port\":" + d.port()
            + ",\"site\":\"" + site(d) + "\",\"role\":\"edge\",\"login\":\"" + logins.getOrDefault(d.id(), "fleet") + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
  }


  private static String cliQuiet(String... args) {
    try {
      return Cli.output(args);
    } catch (AssertionError e) {
      return "";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
