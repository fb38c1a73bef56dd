package io.telemetry.it.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.inventory.Target;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.TopicReader;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import io.telemetry.sink.kafka.SampleRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three simulated Junos devices polled with the full junos-netconf set through the real node into
 * the real Kafka broker: every family arrives in its topic keyed by device, interface samples carry
 * the slow-cadence tags, a failing request of one device is reported while its other families
 * deliver, and a BGP session and a link taken down (and up) in the simulator show up as state
 * changes in the records.
 */
class JunosFullSetIT {

  private static final String TOPIC = "telemetry.metrics.";
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration INVENTORY_INTERVAL = Duration.ofSeconds(3);
  private static final Duration WITHIN = Duration.ofSeconds(60);
  /** Its storage requests fail: the rest of its poll must still arrive. */
  private static final String STORAGE_FAILS = "sim-0003";

  @TempDir
  static Path workDir;

  static LocalStack stack;
  static String bootstrap;
  static Set<String> devices;

  @BeforeAll
  static void start() {
    stack = LocalStack.startWithoutNode(workDir, FleetSpec.of(3).withInterfaces(4));
    bootstrap = stack.broker().bootstrapServers();
    devices = stack.fleet().devices().stream().map(SimulatedDevice::id).collect(Collectors.toSet());
    stack.fleet().device(STORAGE_FAILS).faults().failRpc("get-system-storage", true);
    stack.fleet().device("sim-0001").raiseAlarm("Major", "PEM 1 Not OK");
    List<Target> targets = stack.fleet().targets(INTERVAL, Duration.ofSeconds(5)).stream()
        .map(t -> new Target(t.id(), t.host(), t.port(), t.credentials(), List.of(new CollectorSpec("junos-netconf",
            INTERVAL, ConfigFactory.parseString("inventory-interval = " + INVENTORY_INTERVAL.toSeconds() + "s"),
            "telemetry.targets[" + t.id() + "].collectors[0]")), t.timeout(), t.labels()))
        .toList();
    stack.startNode(targets, ConfigFactory.empty());
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** Every record of a family's topic, read until {@code done} holds, in offset order per device. */
  private static List<Decoded> read(String family, Predicate<List<Decoded>> done) {
    List<Decoded> records = DecodedRecords.decode(TopicReader.readUntil(bootstrap, List.of(TOPIC + family),
        raw -> done.test(DecodedRecords.decode(raw)), WITHIN));
    return records.stream().sorted(Comparator.comparing(Decoded::key).thenComparingLong(Decoded::offset)).toList();
  }

  private static Predicate<List<Decoded>> fromDevices(Set<String> expected) {
    return records -> records.stream().map(Decoded::key).collect(Collectors.toSet()).containsAll(expected);
  }

  private static List<SampleRecord> series(List<Decoded> records, String device, Map<String, String> tags) {
    return records.stream().filter(r -> r.key().equals(device))
        .map(Decoded::sample)
        .filter(s -> s.tags().entrySet().containsAll(tags.entrySet()))
        .toList();
  }

  @Test
  void everyFamilyArrivesInItsTopicKeyedByDevice() {
    Set<String> withStorage = devices.stream().filter(d -> !d.equals(STORAGE_FAILS)).collect(Collectors.toSet());
    for (String family : List.of("interface", "route_engine", "environment", "bgp_peer", "bgp_peer_rib", "storage",
        "alarm", "collector_request")) {
      Set<String> expected = family.equals("storage") ? withStorage : devices;
      List<Decoded> records = read(family, fromDevices(expected));
      for (Decoded r : records) {
        assertEquals(r.key(), r.sample().device(), "record key is the device id");
        assertEquals(family, r.sample().family());
        assertEquals(TOPIC + family, r.topic());
        assertTrue(devices.contains(r.key()), r.key());
      }
      assertEquals(expected, records.stream().map(Decoded::key).collect(Collectors.toSet()), family);
    }

    List<Decoded> environment = read("environment", fromDevices(devices));
    SampleRecord pem = series(environment, "sim-0002", Map.of("component", "PEM 0", "kind", "power")).get(0);
    assertTrue(pem.gauges().keySet().containsAll(Set.of("status", "temperature_celsius", "power_output_watts",
        "power_capacity_watts")), "the supply's environment item and power usage in one sample: " + pem.gauges());
    List<Decoded> alarms = read("alarm", fromDevices(devices));
    assertEquals(1.0, series(alarms, "sim-0001", Map.of("class", "major")).get(0).gauges().get("active"));
    assertEquals(0.0, series(alarms, "sim-0002", Map.of("class", "major")).get(0).gauges().get("active"));
  }

  @Test
  void aFailingRequestIsReportedWhileTheDevicesOtherFamiliesDeliver() {
    List<Decoded> status = read("collector_request", records -> records.stream().anyMatch(r ->
        r.key().equals(STORAGE_FAILS) && "get-system-storage".equals(r.sample().tags().get("request"))));
    List<SampleRecord> storage = series(status, STORAGE_FAILS, Map.of("request", "get-system-storage"));
    assertTrue(storage.stream().allMatch(s -> s.gauges().get("ok") == 0.0), "every storage request of the device failed");
    assertTrue(series(status, STORAGE_FAILS, Map.of("request", "get-interface-information")).stream()
        .allMatch(s -> s.gauges().get("ok") == 1.0));
    assertTrue(series(status, "sim-0001", Map.of("request", "get-system-storage")).stream()
        .allMatch(s -> s.gauges().get("ok") == 1.0), "only the faulty device is affected");
    List<Decoded> interfaces = read("interface", fromDevices(devices));
    assertFalse(series(interfaces, STORAGE_FAILS, Map.of("interface", "ge-0/0/0")).isEmpty());
  }

  @Test
  void interfaceSamplesCarryTheSlowCadenceTags() {
    List<Decoded> records = read("interface", fromDevices(devices));
    for (String device : devices) {
      int number = Integer.parseInt(device.substring(4));
      SampleRecord ge0 = series(records, device, Map.of("interface", "ge-0/0/0")).get(0);
      assertEquals("core1.sim", ge0.tags().get("lldp_neighbor"), device);
      assertEquals("xe-0/0/" + number, ge0.tags().get("lldp_neighbor_port"), device);
      assertTrue(ge0.tags().get("description").endsWith("-1"), "the simulator's description: " + ge0.tags());
      SampleRecord ge3 = series(records, device, Map.of("interface", "ge-0/0/3")).get(0);
      assertFalse(ge3.tags().containsKey("lldp_neighbor"), "no neighbor on ge-0/0/3");
      assertEquals(1e9, ge3.gauges().get("speed_bps"));
    }
  }

  @Test
  void aBgpSessionAndALinkTakenDownAndUpAreStateChangesInTheRecords() {
    SimulatedDevice bgpDevice = stack.fleet().device("sim-0001");
    SimulatedDevice.BgpPeer customer = bgpDevice.bgpPeers().stream().filter(p -> p.instance().equals("CUST-A"))
        .findFirst().orElseThrow();
    SimulatedDevice linkDevice = stack.fleet().device("sim-0002");
    String link = "ge-0/0/1";
    SimulatedDevice.BgpPeer overLink = linkDevice.bgpPeers().stream().filter(p -> p.localInterface().equals(link))
        .findFirst().orElseThrow();
    Map<String, String> customerTags = Map.of("instance", "CUST-A", "peer", customer.address());
    Map<String, String> overLinkTags = Map.of("instance", "default", "peer", overLink.address());
    Map<String, String> linkTags = Map.of("interface", link);

    // Both sessions and the link are up and delivering before anything changes.
    read("bgp_peer", records -> !series(records, "sim-0001", customerTags).isEmpty()
        && !series(records, "sim-0002", overLinkTags).isEmpty());
    Instant downAt = Instant.now();
    bgpDevice.setBgpPeerUp(customer.address(), false);
    linkDevice.setLinkUp(link, false);

    List<Decoded> peers = read("bgp_peer", records ->
        series(records, "sim-0001", customerTags).stream().anyMatch(s -> s.gauges().get("state") == 0.0)
            && series(records, "sim-0002", overLinkTags).stream().anyMatch(s -> s.gauges().get("state") == 0.0));
    List<Decoded> interfaces = read("interface", records -> series(records, "sim-0002", linkTags).stream()
        .anyMatch(s -> s.gauges().get("oper_status") == 0.0 && !s.tags().containsKey("lldp_neighbor")));

    Instant upAt = Instant.now();
    bgpDevice.setBgpPeerUp(customer.address(), true);
    linkDevice.setLinkUp(link, true);
    peers = read("bgp_peer", records -> series(records, "sim-0001", customerTags).stream()
        .anyMatch(s -> s.time().isAfter(upAt) && s.gauges().get("state") == 1.0)
        && series(records, "sim-0002", overLinkTags).stream()
        .anyMatch(s -> s.time().isAfter(upAt) && s.gauges().get("state") == 1.0));
    interfaces = read("interface", records -> series(records, "sim-0002", linkTags).stream()
        .anyMatch(s -> s.time().isAfter(upAt) && s.gauges().get("oper_status") == 1.0
            && "core2.sim".equals(s.tags().get("lldp_neighbor"))));

    assertUpDownUp(series(peers, "sim-0001", customerTags), "state", downAt, upAt);
    assertUpDownUp(series(peers, "sim-0002", overLinkTags), "state", downAt, upAt);
    assertUpDownUp(series(interfaces, "sim-0002", linkTags), "oper_status", downAt, upAt);

    // The flap counter grows by one with the session going down, and not again when it comes back.
    List<SampleRecord> customerRecords = series(peers, "sim-0001", customerTags);
    long before = customerRecords.get(0).counters().get("flaps");
    long after = customerRecords.get(customerRecords.size() - 1).counters().get("flaps");
    assertEquals(before + 1, after);
    assertEquals(bgpDevice.bgpFlapCount(customer.address()), after);
    assertTrue(customerRecords.stream().filter(s -> s.gauges().get("state") == 0.0)
        .noneMatch(s -> s.gauges().containsKey("received_prefixes")), "a session that is down reports no prefixes");

    // The interface's LLDP tag left with the link (at the next inventory refresh) and came back with it.
    List<SampleRecord> linkRecords = series(interfaces, "sim-0002", linkTags);
    assertEquals("core2.sim", linkRecords.get(0).tags().get("lldp_neighbor"));
    assertTrue(linkRecords.stream().anyMatch(s -> !s.tags().containsKey("lldp_neighbor")));
  }

  /** The series was 1, then 0 after {@code downAt}, then 1 again after {@code upAt}, in record order. */
  private static void assertUpDownUp(List<SampleRecord> records, String gauge, Instant downAt, Instant upAt) {
    int firstUp = indexOf(records, 0, s -> s.gauges().get(gauge) == 1.0 && s.time().isBefore(downAt));
    int down = indexOf(records, firstUp + 1, s -> s.gauges().get(gauge) == 0.0);
    int upAgain = indexOf(records, down + 1, s -> s.gauges().get(gauge) == 1.0);
    assertTrue(firstUp >= 0 && down > firstUp && upAgain > down,
        gauge + " must go 1 -> 0 -> 1: " + records.stream().map(s -> s.gauges().get(gauge)).toList());
    assertTrue(records.get(down).time().isAfter(downAt), "the drop comes after the change");
    assertTrue(records.get(upAgain).time().isAfter(upAt), "the recovery comes after the change");
  }

  private static int indexOf(List<SampleRecord> records, int from, Predicate<SampleRecord> match) {
    for (int i = Math.max(0, from); i < records.size(); i++) {
      if (match.test(records.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
