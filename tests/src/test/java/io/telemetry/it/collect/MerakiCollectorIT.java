package io.telemetry.it.collect;

import static io.telemetry.collect.meraki.FakeMerakiDashboard.pathContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.meraki.FakeMerakiDashboard;
import io.telemetry.collect.meraki.FakeMerakiDashboard.Client;
import io.telemetry.collect.meraki.FakeMerakiDashboard.Point;
import io.telemetry.collect.meraki.FakeMerakiDashboard.Uplink;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.TopicReader;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import io.telemetry.testsupport.RecordingHttpServer.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meraki collector through the real node into the real Kafka broker, against a local server
 * of the Dashboard API's documented shapes: two targets of one organization (one polls uplinks,
 * one clients) share the node's budget for that organization, a 429 and a 503 are ridden out,
 * every uplink point arrives once with its own timestamp, and client usage arrives per client.
 */
class MerakiCollectorIT {

  private static final String KEY = "it-api-key-0123456789";
  private static final String ORG = "549236";
  private static final double REQUESTS_PER_SECOND = 4;

  @TempDir
  Path workDir;

  @Test
  void uplinksAndClientsReachKafkaWithinTheOrganizationsBudget() throws Exception {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
    try (FakeMerakiDashboard dashboard = new FakeMerakiDashboard(KEY);
        LocalStack stack = LocalStack.startWithoutNode(workDir, FleetSpec.of(1).withInterfaces(1))) {
      dashboard.uplinks(ORG,
              new Uplink("N_1", "Q2AA-BBBB-CCCC", "wan1", "8.8.8.8", List.of(new Point(t0, 0.0, 21.5),
                  new Point(t0.plusSeconds(60), 2.5, 35.0), new Point(t0.plusSeconds(120), 0.0, 19.0))),
              new Uplink("N_2", "Q2DD-EEEE-FFFF", "cellular", "1.1.1.1", List.of(new Point(t0, 12.0, 180.0))))
          .network(ORG, "N_1", new Client("k1", "00:11:22:33:44:01", "Miles's phone", 138.0, 61.0, "Online"),
              new Client("k2", "00:11:22:33:44:02", null, 5.0, 7.0, "Offline"),
              new Client("k3", "00:11:22:33:44:03", "printer", 0.5, 0.25, "Online"),
              new Client("k4", "00:11:22:33:44:04", "laptop", 900.0, 4000.0, "Online"))
          .network(ORG, "N_2", new Client("k9", "00:11:22:33:44:09", "camera", 10.0, 1.0, "Online"))
          .failNext(pathContains("uplinksLossAndLatency"), FakeMerakiDashboard.rateLimited(1))
          .failNext(pathContains("/networks/N_2/clients"), Reply.of(503, "{\"errors\":[\"Service unavailable\"]}"));

      Target uplinks = target("acme-uplinks", "collect = [uplinks]", dashboard);
      Target clients = target("acme-clients", "collect = [clients], clients-per-page = 3", dashboard);
      stack.startNode(List.of(uplinks, clients), ConfigFactory.parseString(
          "telemetry.meraki { requests-per-second = " + REQUESTS_PER_SECOND + ", burst = 1 }"));

      String bootstrap = stack.broker().bootstrapServers();
      List<Decoded> uplinkRecords = DecodedRecords.decode(TopicReader.readUntil(bootstrap,
          List.of("telemetry.metrics.uplink"), rs -> rs.size() >= 4, Duration.ofSeconds(60)));
      List<Decoded> clientRecords = DecodedRecords.decode(TopicReader.readUntil(bootstrap,
          List.of("telemetry.metrics.client"), rs -> DecodedRecords.decode(rs).stream()
              .map(r -> r.sample().tags().get("client")).collect(Collectors.toSet()).size() == 5
              && rs.size() >= 10, Duration.ofSeconds(60)));
      // More uplink polls have run by now (the clients target needed several rounds).
      Instant more = Instant.now();
      io.telemetry.it.support.Await.until("a few more uplink polls", Duration.ofSeconds(20),
          () -> dashboard.requests().stream().filter(r -> r.path().contains("uplinks")
              && r.received().isAfter(more)).count() >= 2);
      uplinkRecords = DecodedRecords.decode(TopicReader.readUntil(bootstrap, List.of("telemetry.metrics.uplink"),
          rs -> rs.size() >= 4, Duration.ofSeconds(30)));

      // Every uplink point exactly once, stamped with its ts, keyed by the organization's target.
      assertEquals(4, uplinkRecords.size(), "each point once, despite overlapping polls: " + uplinkRecords);
      Decoded peak = uplinkRecords.stream().filter(r -> r.sample().time().equals(t0.plusSeconds(60))).findFirst()
          .orElseThrow();
      assertEquals("acme-uplinks", peak.key());
      // The target's inventory label (customer) is added as a tag by the pipeline's enrichment stage.
      assertEquals(Map.of("network", "N_1", "serial", "Q2AA-BBBB-CCCC", "uplink", "wan1", "ip", "8.8.8.8",
          "customer", "acme"), peak.sample().tags());
      assertEquals(Map.of("loss_percent", 2.5, "latency_ms", 35.0), peak.sample().gauges());
      assertEquals(Set.of(t0, t0.plusSeconds(60), t0.plusSeconds(120)), uplinkRecords.stream()
          .filter(r -> r.sample().tags().get("uplink").equals("wan1")).map(r -> r.sample().time())
          .collect(Collectors.toSet()));

      // Client usage per client, from both networks (N_1 over two pages), as gauges.
      Decoded k1 = clientRecords.stream().filter(r -> r.sample().tags().get("client").equals("k1")).findFirst()
          .orElseThrow();
      assertEquals("acme-clients", k1.key());
      assertEquals(Map.of("network", "N_1", "client", "k1", "mac", "00:11:22:33:44:01", "description", "Miles's phone",
          "customer", "acme"), k1.sample().tags());
      assertEquals(Map.of("sent_kilobytes", 138.0, "received_kilobytes", 61.0, "online", 1.0), k1.sample().gauges());
      assertTrue(k1.sample().counters().isEmpty() && k1.sample().rates().isEmpty());
      assertEquals(Map.of("sent_kilobytes", 10.0, "received_kilobytes", 1.0, "online", 1.0),
          clientRecords.stream().filter(r -> r.sample().tags().get("client").equals("k9")).findFirst().orElseThrow()
              .sample().gauges(), "N_2 delivered after its 503 was retried");

      // The 429 was honoured, and both targets together kept to the organization's budget.
      List<Request> requests = dashboard.requests();
      assertTrue(requests.stream().allMatch(r -> r.header("Authorization").equals(Optional.of("Bearer " + KEY))));
      Request limited = requests.stream().filter(r -> r.path().contains("uplinks")).findFirst().orElseThrow();
      Request afterLimit = requests.stream().filter(r -> r.received().isAfter(limited.received())).findFirst()
          .orElseThrow();
      assertTrue(Duration.between(limited.received(), afterLimit.received()).toMillis() >= 950,
          "no request of the organization within the 429's Retry-After of 1 s");
      List<Instant> times = requests.stream().map(Request::received).sorted().toList();
      Duration span = Duration.between(times.get(0), times.get(times.size() - 1));
      double minimum = (times.size() - 1) / REQUESTS_PER_SECOND;
      assertTrue(span.toMillis() >= minimum * 1000 * 0.95, times.size() + " requests of two targets spanned " + span
          + ": at " + REQUESTS_PER_SECOND + "/s they need at least " + minimum + " s");
    }
  }

  private static Target target(String id, String settings, FakeMerakiDashboard dashboard) {
    CollectorSpec spec = new CollectorSpec("meraki", Duration.ofSeconds(1), ConfigFactory.parseString(
        "organization-id = \"" + ORG + "\", api-key = \"" + KEY + "\", base-url = \"" + dashboard.baseUrl() + "\","
            + " retry-backoff = 100ms, max-wait = 10s\n" + settings), "meraki");
    return new Target(id, "127.0.0.1", 443, new Credentials("", Optional.empty(), Optional.empty()), List.of(spec),
        Duration.ofSeconds(5), Map.of("customer", "acme"));
  }
}
