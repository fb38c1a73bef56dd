package io.telemetry.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.snmp.SnmpCollectorFactory;
import io.telemetry.inventory.source.ResourceSource;
import io.telemetry.inventory.source.ResourceSources;
import io.telemetry.testsupport.RecordingHttpServer;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** An HTTP inventory served by the test, refreshed on demand (the timer interval is an hour). */
class InventoryRefresherTest {

  private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.defaultReference());
  private static final Duration WAIT = Duration.ofSeconds(10);

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  private static String ndjson(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private static String router(String id, String site) {
    return "{\"id\": \"" + id + "\", \"host\": \"192.0.2.1\", \"vendor\": \"juniper\", \"site\": \"" + site + "\"}";
  }

  @Test
  void refreshesReportDiffsAndAFailedRefreshKeepsTheLastGoodList() throws Exception {
    AtomicReference<Reply> reply = new AtomicReference<>(Reply.of(200, ndjson(router("r1", "ams1"), router("r2", "ams1"))));
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> reply.get())) {
      Config config = ConfigFactory.parseString("""
          telemetry.inventory {
            sources = [ { type = http, url = "%s/routers", timeout = 5s } ]
            policies = [ { select = "vendor = \\"juniper\\"", collectors = [ { type = snmp, community = public } ] } ]
          }""".formatted(server.uri())).withFallback(ConfigFactory.defaultReference()).resolve();
      TargetPolicy policy = TargetPolicy.load(config.getConfig("telemetry"),
          new CollectorRegistry(List.of(new SnmpCollectorFactory())));
      ResourceSource source = ResourceSources.fromConfig(config.getConfig("telemetry.inventory"), "telemetry.inventory");
      TestProbe<InventoryRefresher.Updated> updates = KIT.createTestProbe();
      ActorRef<InventoryRefresher.Command> refresher =
          KIT.spawn(InventoryRefresher.create(source, policy, Duration.ofHours(1), updates.getRef()));

      InventoryRefresher.Updated first = updates.expectMessageClass(InventoryRefresher.Updated.class, WAIT);
      assertEquals(List.of("r1", "r2"), first.diff().added().stream().map(Target::id).toList());

      reply.set(Reply.of(200, ndjson(router("r2", "fra2"), router("r3", "ams1"))));
      refresher.tell(InventoryRefresher.Refresh.INSTANCE);
      InventoryDiff diff = updates.expectMessageClass(InventoryRefresher.Updated.class, WAIT).diff();
      assertEquals(List.of("r3"), diff.added().stream().map(Target::id).toList());
      assertEquals(List.of("r1"), diff.removed().stream().map(Target::id).toList());
      assertEquals("fra2", diff.changed().get(0).after().labels().get("site"));

      reply.set(Reply.of(200, ndjson(router("r2", "fra2"), "{\"id\": \"r4\"}")));
      refresher.tell(InventoryRefresher.Refresh.INSTANCE);
      TestProbe<InventoryRefresher.Status> statuses = KIT.createTestProbe();
      InventoryRefresher.Status failed = statuses.awaitAssert(WAIT, () -> {
        refresher.tell(new InventoryRefresher.GetStatus(statuses.getRef()));
        InventoryRefresher.Status status = statuses.expectMessageClass(InventoryRefresher.Status.class);
        assertEquals(1, status.failures());
        return status;
      });
      assertEquals(List.of("r2", "r3"), failed.targets().stream().map(Target::id).toList(), "the last good list is kept");
      assertEquals(2, failed.loads());
      assertEquals(server.uri() + "/routers line 2: entry has no host", failed.lastError().orElseThrow());

      reply.set(Reply.of(200, ndjson(router("r2", "fra2"), router("r3", "ams1"))));
      refresher.tell(InventoryRefresher.Refresh.INSTANCE);
      InventoryRefresher.Status recovered = statuses.awaitAssert(WAIT, () -> {
        refresher.tell(new InventoryRefresher.GetStatus(statuses.getRef()));
        InventoryRefresher.Status status = statuses.expectMessageClass(InventoryRefresher.Status.class);
        assertEquals(3, status.loads());
        return status;
      });
      assertTrue(recovered.lastError().isEmpty());
      assertEquals(1, recovered.failures(), "failures are counted, not reset");
      updates.expectNoMessage(Duration.ofMillis(200)); // an unchanged load tells the listener nothing
    }
  }

  @Test
  void discoveredAttributesDecideTheSelectionAndBecomeLabels() {
    Config config = ConfigFactory.parseString("""
        telemetry.inventory.policies = [
          { select = "vendor = \\"juniper\\" AND os_version LIKE \\"12.2%\\"", collectors = [ { type = snmp, community = public } ], labels = [ site, model ] }
        ]""").withFallback(ConfigFactory.defaultReference()).resolve();
    TargetPolicy policy = TargetPolicy.load(config.getConfig("telemetry"),
        new CollectorRegistry(List.of(new SnmpCollectorFactory())));
    ResourceSource source = new io.telemetry.inventory.source.FixedResourceSource("test", List.of(
        new Resource("mx1", "192.0.2.1", java.util.Map.of("site", "ams1", "discover", "fake")),
        new Resource("mx2", "192.0.2.2", java.util.Map.of("site", "ams1", "discover", "fake"))));
    io.telemetry.inventory.discover.DiscoveryProbe fake = new io.telemetry.inventory.discover.DiscoveryProbe() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public java.util.Map<String, String> probe(Resource resource) {
        return java.util.Map.of("vendor", "juniper", "model", "mx480",
            "os_version", resource.id().equals("mx1") ? "12.2R1.3" : "15.1R7");
      }
    };
    io.telemetry.inventory.discover.Discovery discovery = new io.telemetry.inventory.discover.Discovery(List.of(fake),
        List.of(), List.of(), Duration.ofMinutes(30), Duration.ofSeconds(5), 4,
        java.util.concurrent.ForkJoinPool.commonPool(), java.time.Clock.systemUTC());
    TestProbe<InventoryRefresher.Updated> updates = KIT.createTestProbe();
    ActorRef<InventoryRefresher.Command> refresher = KIT.spawn(InventoryRefresher.create(source,
        java.util.Optional.of(discovery), policy, Duration.ofHours(1), updates.getRef()));
    InventoryRefresher.Updated first = updates.expectMessageClass(InventoryRefresher.Updated.class, WAIT);
    assertEquals(List.of("mx1"), first.targets().stream().map(Target::id).toList(), "only the 12.2 one is selected");
    assertEquals(java.util.Map.of("site", "ams1", "model", "mx480"), first.targets().get(0).labels());

    // Stopped (the coordinator moved away): this node forgets what it found, so it reports nothing stale.
    assertEquals(java.util.Map.of("vendor", "juniper", "model", "mx480", "os_version", "12.2R1.3"),
        discovery.discovered("mx1"));
    KIT.stop(refresher, WAIT);
    assertEquals(java.util.Map.of(), discovery.discovered("mx1"));
    assertEquals(2, discovery.status().probes(), "the counts stay");
  }
}
