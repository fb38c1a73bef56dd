package io.telemetry.inventory.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.inventory.Resource;
import io.telemetry.inventory.select.Selector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

  private static final Instant T0 = Instant.parse("2024-05-06T07:00:00Z");

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Clock0 clock = new Clock0(T0);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Answers per device from a table, records the calls; a device mapped to null fails. */
  private static final class TableProbe implements DiscoveryProbe {
    final String name;
    final Map<String, Map<String, String>> answers = new HashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    TableProbe(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Map<String, String> probe(Resource resource) throws DiscoveryException {
      calls.add(resource.id());
      Map<String, String> found = answers.get(resource.id());
      if (found == null) {
        throw new DiscoveryException(resource.id(), name, "GET sysDescr.0: no answer", null);
      }
      return found;
    }
  }

  private final TableProbe snmp = new TableProbe("snmp");
  private final TableProbe netconf = new TableProbe("netconf");

  private Discovery discovery(List<Discovery.Rule> rules, List<String> defaults) {
    return new Discovery(List.of(snmp, netconf), rules, defaults, Duration.ofMinutes(30), Duration.ofSeconds(5), 4,
        pool, clock);
  }

  private static Resource resource(String id, Map<String, String> attributes) {
    return new Resource(id, "192.0.2." + id.length(), attributes);
  }

  private static List<Resource> run(Discovery discovery, List<Resource> resources) throws Exception {
    return discovery.discover(resources).get(10, TimeUnit.SECONDS);
  }

  @Test
  void theAttributeThenTheFirstMatchingRuleThenTheDefaultsChooseTheProbes() {
    Discovery discovery = discovery(List.of(
        new Discovery.Rule(Selector.parse("site = \"lab\""), List.of("none")),
        new Discovery.Rule(Selector.parse("role = \"core\""), List.of("netconf", "snmp"))), List.of("snmp"));
    assertEquals(List.of("netconf"), discovery.probesFor(resource("a", Map.of("discover", "NETCONF", "role", "core"))));
    assertEquals(List.of("snmp", "netconf"), discovery.probesFor(resource("a", Map.of("discover", " snmp, netconf"))));
    assertEquals(List.of(), discovery.probesFor(resource("a", Map.of("discover", "none"))));
    assertEquals(List.of(), discovery.probesFor(resource("a", Map.of("site", "lab", "role", "core"))));
    assertEquals(List.of("netconf", "snmp"), discovery.probesFor(resource("a", Map.of("role", "core"))));
    assertEquals(List.of("snmp"), discovery.probesFor(resource("a", Map.of())));
  }

  @Test
  void unknownProbeNamesInTheConfigurationAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> discovery(List.of(), List.of("lldp")));
    assertTrue(e.getMessage().contains("\"lldp\"") && e.getMessage().contains("[netconf, snmp]"), e.getMessage());
  }

  @Test
  void foundAttributesAreAddedButTheSourcesOwnValuesWin() throws Exception {
    snmp.answers.put("mx1", Map.of("vendor", "juniper", "os_version", "12.2R1.3", "site", "wrong", "id", "x"));
    Discovery discovery = discovery(List.of(), List.of("snmp"));
    List<Resource> out = run(discovery, List.of(resource("mx1", Map.of("site", "ams1"))));
    assertEquals(Map.of("vendor", "juniper", "os_version", "12.2R1.3", "site", "ams1"), out.get(0).attributes());
    assertEquals("mx1", out.get(0).id());
    assertTrue(Selector.parse("vendor = \"juniper\" AND os_version LIKE \"12.2%\"").matches(out.get(0)::attribute));
  }

  @Test
  void resultsAreCachedUntilTheIntervalHasPassed() throws Exception {
    snmp.answers.put("mx1", Map.of("os_version", "12.2R1.3"));
    Discovery discovery = discovery(List.of(), List.of("snmp"));
    List<Resource> inventory = List.of(resource("mx1", Map.of()));
    run(discovery, inventory);
    clock.now = T0.plus(Duration.ofMinutes(29));
    snmp.answers.put("mx1", Map.of("os_version", "13.3R1"));
    assertEquals("12.2R1.3", run(discovery, inventory).get(0).attribute("os_version"), "cached");
    assertEquals(1, snmp.calls.size());
    clock.now = T0.plus(Duration.ofMinutes(30));
    assertEquals("13.3R1", run(discovery, inventory).get(0).attribute("os_version"));
    assertEquals(2, snmp.calls.size());
  }

  @Test
  void aFailedProbeKeepsTheLastAttributesIsCountedAndRetriedSooner() throws Exception {
    snmp.answers.put("mx1", Map.of("vendor", "juniper"));
    Discovery discovery = discovery(List.of(), List.of("snmp"));
    List<Resource> inventory = List.of(resource("mx1", Map.of()));
    run(discovery, inventory);
    snmp.answers.remove("mx1");
    clock.now = T0.plus(Duration.ofMinutes(30));
    assertEquals("juniper", run(discovery, inventory).get(0).attribute("vendor"), "kept");
    Discovery.Status status = discovery.status();
    assertEquals(1, status.failures());
    assertEquals(2, status.probes());
    assertEquals(Map.of("mx1 snmp", "device mx1: discovery probe snmp: GET sysDescr.0: no answer"), status.failing());
    assertEquals(new Discovery.ProbeCounts(2, 1), status.byProbe().get("snmp"), "counted per probe");
    assertEquals(new Discovery.ProbeCounts(0, 0), status.byProbe().get("netconf"), "a configured probe shows from the start");
    assertEquals(List.of(new Discovery.FailingProbe("mx1", "snmp",
        "device mx1: discovery probe snmp: GET sysDescr.0: no answer")), status.failingProbes());

    clock.now = T0.plus(Duration.ofMinutes(34));
    run(discovery, inventory);
    assertEquals(2, snmp.calls.size(), "not retried before 5 minutes");
    snmp.answers.put("mx1", Map.of("vendor", "juniper", "model", "mx480"));
    clock.now = T0.plus(Duration.ofMinutes(35));
    assertEquals("mx480", run(discovery, inventory).get(0).attribute("model"));
    assertEquals(Map.of(), discovery.status().failing(), "recovered");
  }

  @Test
  void aProbeThatNeverAnswersTimesOutNamingTheDevice() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    DiscoveryProbe stuck = new DiscoveryProbe() {
      @Override
      public String name() {
        return "snmp";
      }

      @Override
      public Map<String, String> probe(Resource resource) {
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Map.of();
      }
    };
    Discovery discovery = new Discovery(List.of(stuck), List.of(), List.of("snmp"), Duration.ofMinutes(30),
        Duration.ofMillis(200), 4, pool, clock);
    List<Resource> out = run(discovery, List.of(resource("mx9", Map.of("site", "ams1"))));
    assertEquals(Map.of("site", "ams1"), out.get(0).attributes());
    assertEquals(Map.of("mx9 snmp", "device mx9: discovery probe snmp: no result within PT0.2S"),
        discovery.status().failing());
    never.countDown();
  }

  @Test
  void anUnknownProbeAskedForByAResourceIsAFailureNamingTheDevice() throws Exception {
    Discovery discovery = discovery(List.of(), List.of());
    run(discovery, List.of(resource("sw1", Map.of("discover", "lldp"))));
    assertEquals(1, discovery.status().failures());
    String error = discovery.status().failing().get("sw1 lldp");
    assertTrue(error.startsWith("device sw1: discover = \"lldp\" names no discovery probe"), error);
  }

  @Test
  void atMostParallelismProbesRunAtOnceAndRemovedResourcesAreForgotten() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    DiscoveryProbe slow = new DiscoveryProbe() {
      @Override
      public String name() {
        return "snmp";
      }

      @Override
      public Map<String, String> probe(Resource resource) {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
          Thread.sleep(30); // holds the slot so that overlapping probes would show
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          running.decrementAndGet();
        }
        return Map.of("vendor", resource.id());
      }
    };
    Discovery discovery = new Discovery(List.of(slow), List.of(), List.of("snmp"), Duration.ofMinutes(30),
        Duration.ofSeconds(5), 3, pool, clock);
    List<Resource> inventory = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      inventory.add(resource("r" + i, Map.of()));
    }
    List<Resource> out = run(discovery, inventory);
    assertEquals(3, most.get());
    assertEquals("r7", out.get(7).attribute("vendor"));
    assertEquals(Map.of("vendor", "r7"), discovery.discovered("r7"));
    run(discovery, inventory.subList(0, 5));
    assertEquals(Map.of(), discovery.discovered("r7"), "forgotten once no source lists it");
  }

  private static final class Clock0 extends Clock {
    volatile Instant now;

    Clock0(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
