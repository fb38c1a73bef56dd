package io.telemetry.it.inventory;

import static io.telemetry.it.support.MetricsScrape.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.inventory.discover.Discovery;
import io.telemetry.inventory.enrich.ExternalMaps;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.CapturedLogs;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.MetricsScrape;
import io.telemetry.it.support.ServedDocuments;
import io.telemetry.it.support.TopicReader;
import io.telemetry.simulate.DeviceSoftware;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import io.telemetry.testsupport.PrometheusTextParser.Family;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, discovery and enrichment in a running node. The test serves the inventory and the two
 * enrichment maps over HTTP; the inventory lists the simulated devices with site, role and owner
 * only (no vendor, model or OS version). The NETCONF discovery probe asks each device
 * {@code get-software-information}; two policies select on what it reports and poll differently
 * (collectors, interval, labels). A device whose probe fails (an rpc-error, a closed port) is not
 * polled, its failure shows on {@code GET /metrics}, and it is polled once its probe works again.
 * Samples carry tags from the inventory, the device (interface descriptions, LLDP) and the maps
 * (peer hostgroup and AS name); when the maps endpoint fails, they keep the last known values and
 * the failures and the maps' age show on {@code GET /metrics}.
 */
class DiscoveryEnrichmentIT {

  private static final String INTERFACES = "telemetry.metrics.interface";
  private static final String BGP_PEERS = "telemetry.metrics.bgp_peer";
  private static final String ROUTE_ENGINE = "telemetry.metrics.route_engine";
  private static final String INVENTORY = "/inventory";
  private static final String HOSTGROUPS = "/maps/hostgroups";
  private static final String ASN_NAMES = "/maps/asn-names";

  /** What the test makes the devices report (and so what discovery must find). */
  private static final DeviceSoftware CURRENT = new DeviceSoftware("mx204", "21.2R3-S4.8");
  private static final DeviceSoftware LEGACY = new DeviceSoftware("mx960", "19.4R3-S9.1");

  @TempDir
  static Path workDir;

  static LocalStack stack;
  /** Serves the inventory at {@link #INVENTORY} and the maps at {@link #HOSTGROUPS} and {@link #ASN_NAMES}. */
  static ServedDocuments documents;
  static CapturedLogs discoveryLogs;
  static CapturedLogs mapLogs;
  static URI metricsUri;

  /** Polled by the "current" policy (os_version LIKE "21.%"). */
  static SimulatedDevice current;
  /** Polled by the "legacy" policy (model = "mx960"). */
  static SimulatedDevice legacy;
  /** Answers get-software-information with an rpc-error until the test clears the fault. */
  static SimulatedDevice unprobed;
  /** A resource whose port is closed. */
  static final String GHOST = "ghost-1";

  @BeforeAll
  static void start() throws IOException {
    discoveryLogs = new CapturedLogs(Discovery.class);
    mapLogs = new CapturedLogs(ExternalMaps.class);
    stack = LocalStack.startWithoutNode(workDir, FleetSpec.of(3).withInterfaces(4));
    List<SimulatedDevice> devices = new ArrayList<>(stack.fleet().devices());
    devices.sort(Comparator.comparing(SimulatedDevice::id));
    current = devices.get(0);
    legacy = devices.get(1);
    unprobed = devices.get(2);
    current.software(CURRENT);
    legacy.software(LEGACY);
    unprobed.software(CURRENT);
    unprobed.faults().failRpc("get-software-information", true);
    int closedPort = freePort();

    documents = ServedDocuments.start();
    documents.put(HOSTGROUPS, """
        [ {"ip_address": "10.0.0.0/16", "hostgroup": "transit"},
          {"ip_address": "10.0.%d.5", "hostgroup": "ix-peering"},
          {"ip_address": "2001:db8::/32", "hostgroup": "transit-v6"},
          {"ip_address": "172.16.0.0/12", "hostgroup": "customers"} ]""".formatted(current.number() % 250));
    documents.put(ASN_NAMES, asns("IX-PEER"));
    documents.put(INVENTORY, "[" + resource(current.id(), current.host(), current.port()) + ","
        + resource(legacy.id(), legacy.host(), legacy.port()) + ","
        + resource(unprobed.id(), unprobed.host(), unprobed.port()) + ","
        + resource(GHOST, "127.0.0.1", closedPort) + "]");

    int managementPort = freePort();
    metricsUri = URI.create("http://127.0.0.1:" + managementPort + "/metrics");
    String user = stack.fleet().spec().username();
    String password = stack.fleet().spec().password();
    stack.startNode(List.of(), ConfigFactory.parseString("""
        telemetry.management.port = %d
        telemetry.device.reconnect-backoff-max = 2s
        telemetry.inventory {
          refresh-interval = 1s
          sources = [ { type = http, url = "%s", timeout = 2s } ]
          credentials { fleet { username = "%s", password = "%s" } }
          discovery {
            interval = 3s       # failed probes are retried after min(interval, 5 min)
            timeout = 5s
            probes = [ netconf ]
            netconf { credentials = fleet }
          }
          maps { hostgroups = "%s", asn-names = "%s", refresh = 1s, timeout = 2s }
          policies = [
            { select = "os_version LIKE \\"21.%%\\"", interval = 1s, credentials = fleet,
              collectors = [ { type = junos-netconf, rpcs = [ interfaces, descriptions, lldp, bgp ], inventory-interval = 2s } ],
              labels = [ site, role, owner, os_version ] }
            { select = "model = \\"mx960\\"", interval = 3s, credentials = fleet,
              collectors = [ { type = junos-netconf, rpcs = [ interfaces, route-engine ] } ],
              labels = [ site, model ] }
          ]
        }
        """.formatted(managementPort, documents.url(INVENTORY), user, password, documents.url(HOSTGROUPS),
            documents.url(ASN_NAMES))));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (documents != null) {
      documents.close();
    }
    if (discoveryLogs != null) {
      discoveryLogs.close();
    }
    if (mapLogs != null) {
      mapLogs.close();
    }
  }

  @Test
  void discoveredAttributesChooseThePolicyAndAFailedProbeKeepsADeviceOut() {
    // Both classified devices deliver, each as its policy says.
    List<Decoded> records = read(List.of(INTERFACES, ROUTE_ENGINE), r ->
        has(r, INTERFACES, current.id()) && has(r, INTERFACES, legacy.id()) && has(r, ROUTE_ENGINE, legacy.id())
            && count(r, INTERFACES, legacy.id(), "ge-0/0/0") >= 5,
        Duration.ofSeconds(60));
    Map<String, String> currentTags = last(records, INTERFACES, current.id(), "ge-0/0/0").tags();
    assertEquals(CURRENT.junosVersion(), currentTags.get("os_version"), "discovered, kept as a label: " + currentTags);
    assertEquals("ams1", currentTags.get("site"));
    assertEquals("edge", currentTags.get("role"));
    assertEquals("noc", currentTags.get("owner"));
    assertFalse(currentTags.containsKey("model"), "the current policy does not keep model: " + currentTags);
    Map<String, String> legacyTags = last(records, INTERFACES, legacy.id(), "ge-0/0/0").tags();
    assertEquals(LEGACY.model(), legacyTags.get("model"), "discovered, kept as a label: " + legacyTags);
    assertEquals("ams1", legacyTags.get("site"));
    assertFalse(legacyTags.containsKey("role") || legacyTags.containsKey("os_version"),
        "the legacy policy keeps site and model only: " + legacyTags);
    assertFalse(legacyTags.containsKey("description"), "the legacy policy does not ask for descriptions");
    assertFalse(has(records, ROUTE_ENGINE, current.id()), "the current policy does not poll route engines");
    // The legacy policy polls every 3 s, the current one every second.
    double legacyGap = medianGap(records, legacy.id());
    assertTrue(legacyGap >= 2.5, "legacy polls 3 s apart, median gap " + legacyGap + " s");
    assertTrue(medianGap(records, current.id()) < legacyGap, "current polls more often than legacy");

    // The device whose probe fails and the closed port: not polled, counted, named on /metrics and in the log.
    Await.until("both failing probes on /metrics", Duration.ofSeconds(30), () -> {
      Map<String, Family> now = scrape();
      return value(now, "telemetry_discovery_failing", Map.of("device", unprobed.id(), "probe", "netconf")).isPresent()
          && value(now, "telemetry_discovery_failing", Map.of("device", GHOST, "probe", "netconf")).isPresent();
    });
    Map<String, Family> metrics = scrape();
    assertEquals(1.0, value(metrics, "telemetry_discovery_failing",
        Map.of("device", unprobed.id(), "probe", "netconf")).orElseThrow());
    assertTrue(value(metrics, "telemetry_discovery_failures_total", Map.of("probe", "netconf")).orElseThrow() >= 2);
    assertTrue(value(metrics, "telemetry_discovery_probes_total", Map.of("probe", "netconf")).orElseThrow() >= 4);
    assertEquals(Optional.empty(), value(metrics, "telemetry_discovery_failing",
        Map.of("device", current.id(), "probe", "netconf")), "a classified device is not failing");
    assertEquals(Optional.empty(), value(metrics, "telemetry_device_polls_total", Map.of("device", unprobed.id())),
        unprobed.id() + " is not polled");
    Instant checked = Instant.now();
    List<Decoded> meanwhile = read(List.of(INTERFACES), r -> r.stream().anyMatch(x -> x.key().equals(current.id())
        && x.sample().time().isAfter(checked.plusSeconds(2))), Duration.ofSeconds(30));
    assertFalse(has(meanwhile, INTERFACES, unprobed.id()), unprobed.id() + " delivers nothing while its probe fails");
    String logged = discoveryLogs.messages().stream().filter(m -> m.startsWith("device " + unprobed.id() + ":"))
        .findFirst().orElseThrow(() -> new AssertionError("no discovery log line names " + unprobed.id()));
    assertTrue(logged.contains("netconf") && logged.contains("get-software-information"), logged);
    assertTrue(discoveryLogs.messages().stream().anyMatch(m -> m.startsWith("device " + GHOST + ": discovery probe netconf")),
        String.join("\n", discoveryLogs.messages()));

    // Its probe works again: within a retry it is classified, selected and polled.
    Instant cleared = Instant.now();
    unprobed.faults().failRpc("get-software-information", false);
    io.telemetry.sink.kafka.SampleRecord recovered = last(read(List.of(INTERFACES),
        r -> count(r, INTERFACES, unprobed.id(), "ge-0/0/0") > 0, Duration.ofSeconds(30)),
        INTERFACES, unprobed.id(), "ge-0/0/0");
    assertTrue(recovered.time().isAfter(cleared), "polled only after its probe worked");
    assertEquals(CURRENT.junosVersion(), recovered.tags().get("os_version"));
    Await.until(unprobed.id() + " no longer failing on /metrics", Duration.ofSeconds(15), () -> value(scrape(),
        "telemetry_discovery_failing", Map.of("device", unprobed.id(), "probe", "netconf")).isEmpty());
    assertTrue(value(scrape(), "telemetry_discovery_failing", Map.of("device", GHOST, "probe", "netconf")).isPresent(),
        "the closed port still fails");
  }

  @Test
  void samplesCarryInventoryDeviceAndMapTagsAndKeepTheLastMapsWhenTheyFail() {
    // Device tags: the interface descriptions and the LLDP neighbours of the first two interfaces.
    List<Decoded> interfaces = read(List.of(INTERFACES),
        r -> current.interfaceNames().stream().allMatch(i -> r.stream().anyMatch(x -> x.key().equals(current.id())
            && i.equals(x.sample().tags().get("interface")) && x.sample().tags().containsKey("description")))
            && r.stream().anyMatch(x -> x.key().equals(current.id()) && x.sample().tags().containsKey("lldp_neighbor")),
        Duration.ofSeconds(60));
    for (String name : current.interfaceNames()) {
      Map<String, String> tags = last(interfaces, INTERFACES, current.id(), name).tags();
      assertEquals(current.interfaceDescription(name), tags.get("description"), name + ": " + tags);
      assertEquals("ams1", tags.get("site"), "inventory tags too: " + tags);
      assertEquals("edge", tags.get("role"));
      assertEquals("noc", tags.get("owner"));
    }
    Map<String, String> uplink = last(interfaces, INTERFACES, current.id(), "ge-0/0/0").tags();
    assertEquals("core1.sim", uplink.get("lldp_neighbor"), uplink.toString());
    assertEquals("xe-0/0/" + current.number(), uplink.get("lldp_neighbor_port"), uplink.toString());
    assertEquals("core2.sim", last(interfaces, INTERFACES, current.id(), "ge-0/0/1").tags().get("lldp_neighbor"));

    // Map tags on every BGP session of the device, as the test's maps say.
    List<SimulatedDevice.BgpPeer> peers = current.bgpPeers();
    Instant mapsLoaded = Instant.now();
    List<Decoded> bgp = readPeers(peers, mapsLoaded, "IX-PEER");
    for (SimulatedDevice.BgpPeer peer : peers) {
      Map<String, String> tags = lastPeer(bgp, peer.address()).tags();
      assertEquals(expectedHostgroup(peer.address()), tags.get("peer_hostgroup"), peer + ": " + tags);
      assertEquals(expectedAsName(peer.peerAs(), "IX-PEER"), Optional.ofNullable(tags.get("peer_as_name")),
          peer + ": " + tags);
      assertEquals("ams1", tags.get("site"), "inventory tags on BGP samples too: " + tags);
    }

    // A renamed AS arrives at the next refresh.
    documents.put(ASN_NAMES, asns("IX-PEER-RENAMED"));
    Instant renamed = Instant.now();
    readPeers(peers, renamed, "IX-PEER-RENAMED");

    // The maps endpoint fails: failures are counted, the maps age, the samples keep the last values.
    Map<String, Family> before = scrape();
    double hostgroupFailures = value(before, "telemetry_enrichment_map_failures_total", Map.of("map", "hostgroups"))
        .orElseThrow();
    double asnFailures = value(before, "telemetry_enrichment_map_failures_total", Map.of("map", "asn-names"))
        .orElseThrow();
    assertTrue(value(before, "telemetry_enrichment_map_loads_total", Map.of("map", "asn-names")).orElseThrow() >= 2);
    assertEquals(4.0, value(before, "telemetry_enrichment_map_entries", Map.of("map", "hostgroups")).orElseThrow());
    documents.fail(HOSTGROUPS, 500);
    documents.fail(ASN_NAMES, 500);
    Await.until("failed reloads of both maps counted on /metrics", Duration.ofSeconds(20), () -> {
      Map<String, Family> now = scrape();
      return value(now, "telemetry_enrichment_map_failures_total", Map.of("map", "hostgroups")).orElse(0.0)
          > hostgroupFailures
          && value(now, "telemetry_enrichment_map_failures_total", Map.of("map", "asn-names")).orElse(0.0) > asnFailures;
    });
    Instant failing = Instant.now();
    bgp = readPeers(peers, failing.plusSeconds(2), null);
    for (SimulatedDevice.BgpPeer peer : peers) {
      Map<String, String> tags = lastPeer(bgp, peer.address()).tags();
      assertEquals(expectedHostgroup(peer.address()), tags.get("peer_hostgroup"), "kept while failing: " + tags);
      assertEquals(expectedAsName(peer.peerAs(), "IX-PEER-RENAMED"), Optional.ofNullable(tags.get("peer_as_name")),
          "kept while failing: " + tags);
    }
    Map<String, Family> after = scrape();
    double age = value(after, "telemetry_enrichment_map_age_seconds", Map.of("map", "asn-names")).orElseThrow();
    assertTrue(age >= Duration.between(failing, Instant.now()).toSeconds(),
        "the map in use is as old as the failure at least (refresh is 1 s): " + age + " s");
    assertTrue(age >= 2, "older than two refreshes: " + age + " s");
    assertEquals(4.0, value(after, "telemetry_enrichment_map_entries", Map.of("map", "hostgroups")).orElseThrow(),
        "the last good map stays in use");
    assertTrue(mapLogs.messages().stream().anyMatch(m -> m.contains("telemetry.inventory.maps.asn-names")
        && m.contains("HTTP 500")), String.join("\n", mapLogs.messages()));
    documents.recover(HOSTGROUPS);
    documents.recover(ASN_NAMES);
  }

  // --- the test's own maps and expectations ---

  private static String asns(String ixName) {
    return """
        [ {"asn": 65001, "name": "TRANSIT-A"}, {"asn": "AS65002", "name": "%s"}, {"asn": 64512, "name": "CUST-A-ONE"} ]"""
        .formatted(ixName);
  }

  /** As the test's hostgroup map says: the exact address beats the prefixes. */
  private static String expectedHostgroup(String address) {
    if (address.equals("10.0." + (current.number() % 250) + ".5")) {
      return "ix-peering";
    }
    if (address.startsWith("10.0.")) {
      return "transit";
    }
    if (address.startsWith("2001:db8:")) {
      return "transit-v6";
    }
    if (address.startsWith("172.16.")) {
      return "customers";
    }
    throw new AssertionError("the test's map has no entry for " + address);
  }

  /** As the test's ASN map says; 64513 is not in it. */
  private static Optional<String> expectedAsName(long asn, String ixName) {
    return Optional.ofNullable(switch ((int) asn) {
      case 65001 -> "TRANSIT-A";
      case 65002 -> ixName;
      case 64512 -> "CUST-A-ONE";
      default -> null;
    });
  }

  // --- reading Kafka ---

  /**
   * bgp_peer records until every peer of the current device has a sample after {@code since}
   * and, unless {@code ixName} is null, AS65002's carries that name (a map change arriving).
   */
  private static List<Decoded> readPeers(List<SimulatedDevice.BgpPeer> peers, Instant since, String ixName) {
    return read(List.of(BGP_PEERS), r -> peers.stream().allMatch(p -> r.stream().anyMatch(x -> x.key().equals(current.id())
        && p.address().equals(x.sample().tags().get("peer")) && x.sample().time().isAfter(since)))
        && (ixName == null || r.stream().anyMatch(x -> x.key().equals(current.id())
            && "65002".equals(x.sample().tags().get("peer_as")) && x.sample().time().isAfter(since)
            && ixName.equals(x.sample().tags().get("peer_as_name")))),
        Duration.ofSeconds(45));
  }

  private static io.telemetry.sink.kafka.SampleRecord lastPeer(List<Decoded> records, String address) {
    return records.stream().filter(r -> r.key().equals(current.id()) && address.equals(r.sample().tags().get("peer")))
        .map(Decoded::sample).max(Comparator.comparing(io.telemetry.sink.kafka.SampleRecord::time))
        .orElseThrow(() -> new AssertionError("no bgp_peer sample of " + current.id() + " for peer " + address));
  }

  private static List<Decoded> read(List<String> topics, Predicate<List<Decoded>> done, Duration within) {
    return DecodedRecords.decode(TopicReader.readUntil(stack.broker().bootstrapServers(), topics,
        raw -> done.test(DecodedRecords.decode(raw)), within));
  }

  private static boolean has(List<Decoded> records, String topic, String device) {
    return records.stream().anyMatch(r -> r.topic().equals(topic) && r.key().equals(device));
  }

  private static long count(List<Decoded> records, String topic, String device, String iface) {
    return records.stream().filter(r -> r.topic().equals(topic) && r.key().equals(device)
        && iface.equals(r.sample().tags().get("interface"))).count();
  }

  private static io.telemetry.sink.kafka.SampleRecord last(List<Decoded> records, String topic, String device,
      String iface) {
    return records.stream().filter(r -> r.topic().equals(topic) && r.key().equals(device)
            && iface.equals(r.sample().tags().get("interface")))
        .map(Decoded::sample).max(Comparator.comparing(io.telemetry.sink.kafka.SampleRecord::time))
        .orElseThrow(() -> new AssertionError("no " + topic + " sample of " + device + " " + iface));
  }

  /** The median time between a device's polls (its ge-0/0/0 samples), in seconds. */
  private static double medianGap(List<Decoded> records, String device) {
    List<Instant> times = records.stream().filter(r -> r.topic().equals(INTERFACES) && r.key().equals(device)
            && "ge-0/0/0".equals(r.sample().tags().get("interface")))
        .map(r -> r.sample().time()).distinct().sorted().toList();
    List<Double> gaps = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      gaps.add(Duration.between(times.get(i - 1), times.get(i)).toMillis() / 1000.0);
    }
    assertTrue(gaps.size() >= 3, device + " polled too few times to tell its interval: " + times);
    gaps.sort(null);
    return gaps.get(gaps.size() / 2);
  }

  // --- HTTP ---

  private static String resource(String id, String host, int port) {
    return "{\"id\":\"" + id + "\",\"host\":\"" + host + "\",\"port\":" + port
        + ",\"site\":\"ams1\",\"role\":\"edge\",\"owner\":\"noc\"}";
  }

  private static Map<String, Family> scrape() {
    return MetricsScrape.scrape(metricsUri);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
