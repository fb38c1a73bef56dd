package io.telemetry.collect.meraki;

import static io.telemetry.collect.meraki.FakeMerakiDashboard.pathContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.PollResult;
import io.telemetry.collect.meraki.FakeMerakiDashboard.Client;
import io.telemetry.collect.meraki.FakeMerakiDashboard.Point;
import io.telemetry.collect.meraki.FakeMerakiDashboard.Uplink;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import io.telemetry.testsupport.RecordingHttpServer.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meraki collector against a local server of the documented API shapes. */
class MerakiCollectorTest {

  private static final String KEY = "0123456789abcdef0123456789abcdef01234567";
  private static final String ORG = "549236";
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private final FakeMerakiDashboard dashboard = new FakeMerakiDashboard(KEY);
  private MerakiCollectorFactory factory =
      new MerakiCollectorFactory(new OrganizationRateLimiters(new RateLimitSettings(1000, 1000), Ticker.SYSTEM),
          Clock.systemUTC(), Ticker.SYSTEM);

  @AfterEach
  void stop() {
    dashboard.close();
  }

  private Target target(String id, String organization, String extra) {
    CollectorSpec spec = new CollectorSpec("meraki", Duration.ofSeconds(60), ConfigFactory.parseString(
        "organization-id = \"" + organization + "\", api-key = \"" + KEY + "\", base-url = \"" + dashboard.baseUrl()
            + "\", retry-backoff = 50ms, clients-per-page = 3\n" + extra), "telemetry.targets[0].collectors[0]");
    return new Target(id, "127.0.0.1", 443, new Credentials("", Optional.empty(), Optional.empty()), List.of(spec),
        Duration.ofSeconds(5), Map.of("site", "hq"));
  }

  private Collector collector(Target target) {
    factory.validate(target, target.collectors().get(0));
    Collector collector = factory.create(target, target.collectors().get(0));
    try {
      collector.open(null); // uses no device session
    } catch (CollectException e) {
      throw new AssertionError(e);
    }
    return collector;
  }

  private static Client client(String id, double sent, double recv) {
    return new Client(id, "00:11:22:33:44:" + id.substring(id.length() - 2), "phone " + id, sent, recv, "Online");
  }

  @Test
  void pollsUplinksAndEveryClientOfEveryNetworkAcrossPages() throws Exception {
    dashboard.network(ORG, "N_1", client("k01", 138.0, 61.0), client("k02", 1.5, 2.5), client("k03", 0, 0),
            client("k04", 10, 20), new Client("k05", "00:11:22:33:44:05", null, 7.0, 8.0, "Offline"))
        .network(ORG, "N_2", client("k11", 3, 4))
        .network(ORG, "N_3")
        .network(ORG, "N_4", client("k21", 5, 6))
        .uplinks(ORG, new Uplink("N_1", "Q234-ABCD-5678", "wan1", "8.8.8.8", List.of(
            new Point(T0, 0.0, 20.5), new Point(T0.plusSeconds(60), 5.3, 194.9), new Point(T0.plusSeconds(120), null, null))),
            new Uplink("N_1", "Q234-ABCD-5678", "wan2", "1.1.1.1", List.of(new Point(T0, 100.0, null))));
    Target target = target("acme", ORG, "");
    PollResult result = collector(target).poll(Instant.now());
    assertTrue(result.deviceUptimeSeconds().isEmpty());

    List<Sample> uplinks = family(result, "uplink");
    assertEquals(3, uplinks.size(), "one sample per point with a value; the all-null point is left out");
    Sample second = uplinks.stream().filter(s -> s.time().equals(T0.plusSeconds(60))).findFirst().orElseThrow();
    assertEquals("acme", second.device());
    assertEquals(Map.of("network", "N_1", "serial", "Q234-ABCD-5678", "uplink", "wan1", "ip", "8.8.8.8"), second.tags());
    assertEquals(Map.of("loss_percent", 5.3, "latency_ms", 194.9), second.gauges());
    Sample wan2 = uplinks.stream().filter(s -> s.tags().get("uplink").equals("wan2")).findFirst().orElseThrow();
    assertEquals(Map.of("loss_percent", 100.0), wan2.gauges(), "a null latency is absent, not 0");

    Map<String, Sample> clients = family(result, "client").stream()
        .collect(Collectors.toMap(s -> s.tags().get("client"), s -> s));
    assertEquals(List.of("k01", "k02", "k03", "k04", "k05", "k11", "k21"), clients.keySet().stream().sorted().toList());
    Sample k01 = clients.get("k01");
    assertEquals(Map.of("network", "N_1", "client", "k01", "mac", "00:11:22:33:44:01", "description", "phone k01"),
        k01.tags());
    assertEquals(Map.of("sent_kilobytes", 138.0, "received_kilobytes", 61.0, "online", 1.0), k01.gauges());
    assertTrue(k01.counters().isEmpty(), "usage over a sliding timespan is no counter");
    assertFalse(clients.get("k05").tags().containsKey("description"), "a null description is no tag");
    assertEquals(0.0, clients.get("k05").gauges().get("online"));

    List<Request> requests = dashboard.requests();
    assertTrue(requests.stream().allMatch(r -> r.header("Authorization").equals(Optional.of("Bearer " + KEY))));
    List<Request> n1 = requests.stream().filter(r -> r.path().equals("/api/v1/networks/N_1/clients")).toList();
    assertEquals(2, n1.size(), "5 clients at 3 per page");
    assertEquals("3", n1.get(0).query().get("perPage"));
    assertEquals("86400", n1.get(0).query().get("timespan"), "the API's default timespan of 1 day");
    assertEquals("k03", n1.get(1).query().get("startingAfter"), "followed the Link header's next page");
    Request uplinkRequest = requests.stream().filter(r -> r.path().endsWith("uplinksLossAndLatency")).findFirst().orElseThrow();
    assertEquals("/api/v1/organizations/" + ORG + "/devices/uplinksLossAndLatency", uplinkRequest.path());
    assertEquals("300", uplinkRequest.query().get("timespan"));
  }

  @Test
  void eachUplinkPointIsReportedOnce() throws Exception {
    dashboard.uplinks(ORG, new Uplink("N_1", "Q2", "wan1", "8.8.8.8",
        List.of(new Point(T0, 1.0, 10.0), new Point(T0.plusSeconds(60), 2.0, 20.0))));
    Collector collector = collector(target("acme", ORG, "collect = [uplinks]"));
    assertEquals(2, collector.poll(Instant.now()).samples().size());
    dashboard.uplinks(ORG, new Uplink("N_1", "Q2", "wan1", "8.8.8.8",
        List.of(new Point(T0.plusSeconds(60), 2.0, 20.0), new Point(T0.plusSeconds(120), 3.0, 30.0))));
    List<Sample> second = collector.poll(Instant.now()).samples();
    assertEquals(1, second.size(), "the overlapping point is not reported again");
    assertEquals(T0.plusSeconds(120), second.get(0).time());
    assertEquals(List.of(), dashboard.requests().stream().filter(r -> r.path().contains("networks")).toList(),
        "collect = [uplinks] asks for no networks");
  }

  @Test
  void aRateLimitedRequestWaitsForRetryAfterAndIsRetried() throws Exception {
    dashboard.uplinks(ORG, new Uplink("N_1", "Q2", "wan1", "8.8.8.8", List.of(new Point(T0, 1.0, 10.0))))
        .failNext(pathContains("uplinksLossAndLatency"), FakeMerakiDashboard.rateLimited(1));
    assertEquals(1, collector(target("acme", ORG, "collect = [uplinks]")).poll(Instant.now()).samples().size());
    List<Request> requests = dashboard.requests();
    assertEquals(2, requests.size());
    Duration gap = Duration.between(requests.get(0).received(), requests.get(1).received());
    assertTrue(gap.compareTo(Duration.ofMillis(950)) >= 0, "Retry-After: 1 honoured, gap was " + gap);
  }

  @Test
  void aRetryAfterLongerThanMaxWaitFailsThePollAndStillPausesTheOrganization() throws Exception {
    dashboard.uplinks(ORG, new Uplink("N_1", "Q2", "wan1", "8.8.8.8", List.of(new Point(T0, 1.0, 10.0))))
        .failNext(pathContains("uplinksLossAndLatency"), FakeMerakiDashboard.rateLimited(60));
    Collector collector = collector(target("acme", ORG, "collect = [uplinks], max-wait = 2s"));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(Instant.now()));
    assertEquals(Kind.RPC_ERROR, e.kind());
    assertEquals("device acme: GET /api/v1/organizations/" + ORG + "/devices/uplinksLossAndLatency: HTTP 429: API rate"
        + " limit exceeded for organization (rate limited; Retry-After PT1M) (the wait of PT1M exceeds max-wait PT2S;"
        + " not retried in this poll)", e.getMessage());
    CollectException paused = assertThrows(CollectException.class, () -> collector.poll(Instant.now()));
    assertEquals(Kind.TIMEOUT, paused.kind());
    assertTrue(paused.getMessage().contains("paused after HTTP 429"), paused.getMessage());
    assertEquals(1, dashboard.requests().size(), "nothing sent while the organization is paused");
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() throws Exception {
    dashboard.uplinks(ORG, new Uplink("N_1", "Q2", "wan1", "8.8.8.8", List.of(new Point(T0, 1.0, 10.0))))
        .failNext(pathContains("uplinks"), Reply.of(503, "{\"errors\":[\"Service unavailable\"]}"))
        .failNext(pathContains("uplinks"), Reply.of(500, "oops"));
    assertEquals(1, collector(target("acme", ORG, "collect = [uplinks]")).poll(Instant.now()).samples().size());
    List<Request> requests = dashboard.requests();
    assertEquals(3, requests.size());
    Duration first = Duration.between(requests.get(0).received(), requests.get(1).received());
    Duration second = Duration.between(requests.get(1).received(), requests.get(2).received());
    assertTrue(first.toMillis() >= 45, "first backoff 50ms, was " + first);
    assertTrue(second.toMillis() >= 95, "then doubled to 100ms, was " + second);
  }

  @Test
  void persistentServerErrorsNameTargetEndpointAndAttempts() {
    for (int i = 0; i < 4; i++) {
      dashboard.failNext(pathContains("/networks"), Reply.of(502, "{\"errors\":[\"Bad gateway\"]}"));
    }
    Collector collector = collector(target("acme", ORG, "collect = [clients], retries = 3"));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(Instant.now()));
    assertEquals(Kind.RPC_ERROR, e.kind());
    assertFalse(e.sessionBroken());
    assertEquals("device acme: GET /api/v1/organizations/" + ORG + "/networks: HTTP 502: Bad gateway"
        + " (gave up after 4 attempts)", e.getMessage());
    assertEquals(4, dashboard.requests().size());
  }

  @Test
  void aRefusedKeyIsAnAuthErrorAndNotRetried() {
    Target target = target("acme", ORG, "collect = [uplinks]");
    CollectorSpec wrongKey = new CollectorSpec("meraki", Duration.ofSeconds(60),
        target.collectors().get(0).settings().withValue("api-key", com.typesafe.config.ConfigValueFactory.fromAnyRef("nope")),
        "c");
    Collector collector = factory.create(target, wrongKey);
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(Instant.now()));
    assertEquals(Kind.AUTH, e.kind());
    assertTrue(e.getMessage().startsWith("device acme: GET /api/v1/organizations/" + ORG
        + "/devices/uplinksLossAndLatency: HTTP 401: Invalid API key"), e.getMessage());
    assertFalse(e.getMessage().contains("nope"), "the key is never printed");
    assertEquals(1, dashboard.requests().size());
  }

  @Test
  void answersOfTheWrongShapeAreMalformed() {
    dashboard.failNext(pathContains("uplinks"), Reply.of(200, "{\"not\": \"a list\"}"));
    Collector collector = collector(target("acme", ORG, "collect = [uplinks]"));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(Instant.now()));
    assertEquals(Kind.MALFORMED_REPLY, e.kind());
    assertTrue(e.getMessage().contains("uplinksLossAndLatency: expected a JSON array, got object"), e.getMessage());

    dashboard.failNext(pathContains("uplinks"), Reply.of(200, "[{\"networkId\": \"N_1\", \"serial\": \"Q2\","
        + " \"uplink\": \"wan1\", \"timeSeries\": [{\"ts\": \"yesterday\", \"lossPercent\": 1}]}]"));
    CollectException ts = assertThrows(CollectException.class, () -> collector.poll(Instant.now()));
    assertTrue(ts.getMessage().contains("item 0 timeSeries[0]: ts \"yesterday\" is not an ISO 8601 timestamp"),
        ts.getMessage());

    dashboard.failNext(pathContains("uplinks"), Reply.of(200, "<html>maintenance</html>"));
    CollectException html = assertThrows(CollectException.class, () -> collector.poll(Instant.now()));
    assertTrue(html.getMessage().contains("not JSON"), html.getMessage());
  }

  @Test
  void aNextLinkToAnotherHostIsRefused() {
    dashboard.network(ORG, "N_1").failNext(pathContains("/networks"), Reply.of(200, "[{\"id\": \"N_1\"}]")
        .withHeader("Link", "<https://evil.example.com/api/v1/organizations/" + ORG + "/networks?startingAfter=N_1>; rel=next"));
    Collector collector = collector(target("acme", ORG, "collect = [clients]"));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(Instant.now()));
    assertTrue(e.getMessage().contains("the next page link points to https://evil.example.com"), e.getMessage());
    assertEquals(1, dashboard.requests().size(), "the API key was not sent there");
  }

  @Test
  void collectorsOfOneOrganizationShareItsRateLimit() throws Exception {
    factory = new MerakiCollectorFactory(new OrganizationRateLimiters(new RateLimitSettings(10, 1), Ticker.SYSTEM),
        Clock.systemUTC(), Ticker.SYSTEM);
    dashboard.uplinks(ORG, new Uplink("N_1", "Q2", "wan1", "8.8.8.8", List.of(new Point(T0, 1.0, 10.0))))
        .uplinks("other", new Uplink("N_9", "Q9", "wan1", "8.8.4.4", List.of(new Point(T0, 1.0, 10.0))));
    Collector a = collector(target("acme-a", ORG, "collect = [uplinks]"));
    Collector b = collector(target("acme-b", ORG, "collect = [uplinks]"));
    Collector other = collector(target("other", "other", "collect = [uplinks]"));
    Instant start = Instant.now();
    Thread ta = new Thread(() -> pollTimes(a, 5));
    Thread tb = new Thread(() -> pollTimes(b, 5));
    ta.start();
    tb.start();
    pollTimes(other, 3);
    Duration otherTook = Duration.between(start, Instant.now());
    ta.join(10_000);
    tb.join(10_000);
    Duration took = Duration.between(start, Instant.now());
    List<Instant> orgRequests = dashboard.requests().stream().filter(r -> r.path().contains("/" + ORG + "/"))
        .map(Request::received).sorted().toList();
    assertEquals(10, orgRequests.size());
    // 10 requests at 10/s with a burst of 1: at least 9 intervals of 100 ms between first and last.
    Duration span = Duration.between(orgRequests.get(0), orgRequests.get(9));
    assertTrue(span.toMillis() >= 850, "the two collectors shared one budget: 10 requests took " + span);
    assertTrue(otherTook.compareTo(Duration.ofMillis(900)) < 0,
        "another organization has its own budget: its 3 requests took " + otherTook + " (all took " + took + ")");
  }

  @Test
  void aRateLimitSeenByOneCollectorPausesTheOthersOfTheOrganization() throws Exception {
    dashboard.uplinks(ORG, new Uplink("N_1", "Q2", "wan1", "8.8.8.8", List.of(new Point(T0, 1.0, 10.0))))
        .failNext(pathContains("uplinks"), FakeMerakiDashboard.rateLimited(1));
    Collector a = collector(target("acme-a", ORG, "collect = [uplinks]"));
    Collector b = collector(target("acme-b", ORG, "collect = [uplinks]"));
    Thread pollingA = new Thread(() -> pollTimes(a, 1));
    pollingA.start();
    OrganizationRateLimiter limiter = factory.limiters().forOrganization(ORG);
    io.telemetry.testsupport.RecordingHttpServer.await(limiter::paused, Duration.ofSeconds(5),
        () -> "a got its 429 and paused the organization");
    Instant limited = dashboard.requests().get(0).received();
    b.poll(Instant.now()); // starts while a waits out its Retry-After
    pollingA.join(10_000);
    Request fromB = dashboard.requests().stream().skip(1)
        .filter(r -> r.received().isAfter(limited)).min(java.util.Comparator.comparing(Request::received)).orElseThrow();
    assertTrue(Duration.between(limited, fromB.received()).toMillis() >= 950,
        "no request of the organization went before the Retry-After ended: "
            + Duration.between(limited, fromB.received()));
    assertEquals(3, dashboard.requests().size(), "a's 429 and retry, and b's one request");
  }

  private static void pollTimes(Collector collector, int times) {
    try {
      for (int i = 0; i < times; i++) {
        collector.poll(Instant.now());
      }
    } catch (CollectException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Sample> family(PollResult result, String family) {
    return result.samples().stream().filter(s -> s.family().equals(family)).toList();
  }
}
