package io.telemetry.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.PollResult;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import io.telemetry.testsupport.MutableClock;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector over a hand-built proc tree written as a little-endian kernel writes it. */
class HostDependenciesCollectorTest {

  private static final Instant NOW = Instant.parse("2024-05-06T07:00:00Z");

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void reportsServicesDependenciesAndItsOwnStatus() throws Exception {
    Path proc = dir.resolve("proc");
    new FakeProc(proc)
        .tcp(""
            // nginx listens on 0.0.0.0:443; 192.168.1.50 uses it twice.
            + "   0: 00000000:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 1001 1\n"
            + "   1: 0A01A8C0:01BB 3201A8C0:C351 01 00000000:00000000 00:00000000 00000000 33  0 1002 1\n"
            + "   2: 0A01A8C0:01BB 3201A8C0:C352 01 00000000:00000000 00:00000000 00000000 33  0 1003 1\n"
            // app uses postgres at 10.0.0.5 and 10.0.0.6 (hostgroup postgres) and something at 10.9.9.9.
            + "   3: 0A01A8C0:A028 0500000A:1538 01 00000000:00000000 00:00000000 00000000 1000  0 2001 1\n"
            + "   4: 0A01A8C0:A029 0600000A:1538 01 00000000:00000000 00:00000000 00000000 1000  0 2002 1\n"
            + "   5: 0A01A8C0:A02A 0909090A:0050 01 00000000:00000000 00:00000000 00000000 1000  0 2003 1\n"
            // A closed connection waiting out TIME_WAIT is not counted.
            + "   6: 0A01A8C0:A02B 0909090A:0050 06 00000000:00000000 03:00001770 00000000    0  0 0 3\n")
        .tcp6(""
            // sshd listens on [::]:22; 2001:db8::7 is logged in.
            + "   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000"
            + " 00:00000000 00000000     0        0 3001 1\n"
            + "   1: B80D0120000000000000000001000000:0016 B80D0120000000000000000007000000:D431 01 00000000:00000000"
            + " 00:00000000 00000000     0        0 3002 1\n")
        .process(1, "systemd")
        .process(100, "nginx", 1001, 1002, 1003)
        .process(200, "app", 2001, 2002, 2003)
        .process(300, "sshd", 3001, 3002)
        .unreadable(400);
    Path inventory = Files.writeString(dir.resolve("inventory.ndjson"),
        "{\"ip_address\": \"10.0.0.0/29\", \"hostgroup\": \"postgres\", \"domain\": \"db.service.consul\"}\n"
            + "{\"ip_address\": \"2001:db8::7\", \"hostgroup\": \"bastion\"}\n");

    HostDependenciesCollector collector = collector(Map.of("proc", proc.toString(), "inventory", "file:" + inventory));
    collector.open(null);
    PollResult result = collector.poll(NOW);

    List<Sample> expected = List.of(
        sample("listening_service", Map.of("protocol", "tcp", "address", "0.0.0.0", "port", "443", "process", "nginx"),
            "listening", 1),
        sample("listening_service", Map.of("protocol", "tcp", "address", "::", "port", "22", "process", "sshd"),
            "listening", 1),
        sample("dependency", Map.of("direction", "upstream", "protocol", "tcp", "port", "5432", "process", "app",
            "remote_hostgroup", "postgres", "remote_domain", "db.service.consul"), "connections", 2),
        sample("dependency", Map.of("direction", "upstream", "protocol", "tcp", "port", "80", "process", "app",
            "remote_address", "10.9.9.9"), "connections", 1),
        sample("dependency", Map.of("direction", "downstream", "protocol", "tcp", "port", "443", "process", "nginx",
            "remote_address", "192.168.1.50"), "connections", 2),
        sample("dependency", Map.of("direction", "downstream", "protocol", "tcp", "port", "22", "process", "sshd",
            "remote_hostgroup", "bastion"), "connections", 1));
    List<Sample> reported = result.samples().stream().filter(s -> !s.family().equals("dependency_status")).toList();
    assertEquals(expected.size(), reported.size(), reported.toString());
    assertEquals(Set.copyOf(expected), Set.copyOf(reported));
    assertTrue(result.deviceUptimeSeconds().isEmpty());

    Sample status = result.samples().stream().filter(s -> s.family().equals("dependency_status")).findFirst().orElseThrow();
    assertEquals(Map.of(), status.tags());
    assertEquals(Map.of("sockets", 9.0, "unreadable_processes", 1.0, "inventory_entries", 2.0,
        "inventory_age_seconds", 0.0), status.gauges());
    assertEquals(Map.of("inventory_loads", 1L, "inventory_failures", 0L), status.counters());
    assertFalse(status.discontinuity().isEmpty());
  }

  @Test
  void aKernelWithoutIpv6HasNoTcp6Table() throws Exception {
    Path proc = dir.resolve("proc");
    new FakeProc(proc)
        .tcp("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 1001 1\n")
        .process(100, "admin", 1001);
    HostDependenciesCollector collector = collector(Map.of("proc", proc.toString()));
    collector.open(null);
    PollResult result = collector.poll(NOW);
    assertEquals(sample("listening_service", Map.of("protocol", "tcp", "address", "127.0.0.1", "port", "8080",
        "process", "admin"), "listening", 1), result.samples().get(0));
    Sample status = result.samples().get(1);
    assertEquals(Map.of("sockets", 1.0, "unreadable_processes", 0.0), status.gauges(), "no inventory, no inventory fields");
    assertEquals(Map.of(), status.counters());
  }

  @Test
  void aMissingSocketTableFailsTheOpenNamingTheDeviceAndFile() throws Exception {
    Path proc = Files.createDirectories(dir.resolve("not-proc"));
    HostDependenciesCollector collector = collector(Map.of("proc", proc.toString()));
    CollectException e = assertThrows(CollectException.class, () -> collector.open(null));
    assertEquals(CollectException.Kind.CONNECT, e.kind());
    assertEquals("device node-host: cannot read " + proc.resolve("net/tcp") + " (setting proc = \"" + proc + "\")",
        e.getMessage());
  }

  @Test
  void aMalformedTableFailsThePollNamingTheDeviceFileAndLine() throws Exception {
    Path proc = dir.resolve("proc");
    new FakeProc(proc).tcp("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 1001 1\n")
        .tcp6("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 1001 1\n");
    HostDependenciesCollector collector = collector(Map.of("proc", proc.toString()));
    collector.open(null);
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(NOW));
    assertEquals(CollectException.Kind.MALFORMED_REPLY, e.kind());
    assertFalse(e.sessionBroken());
    assertEquals("device node-host: " + proc.resolve("net/tcp6")
        + " line 2: local address \"0100007F:1F90\" is not 32 hex digits, ':', 4 hex digits", e.getMessage());
  }

  @Test
  void aFailedInventoryRefreshIsCountedAndTheLastOneKept() throws Exception {
    Path proc = dir.resolve("proc");
    new FakeProc(proc)
        .tcp("   0: 0A01A8C0:A028 0500000A:1538 01 00000000:00000000 00:00000000 00000000 1000  0 2001 1\n")
        .process(200, "app", 2001);
    Path inventory = Files.writeString(dir.resolve("inventory.json"),
        "[{\"ip_address\": \"10.0.0.5\", \"hostgroup\": \"postgres\"}]");
    HostDependenciesCollector collector = collector(Map.of("proc", proc.toString(), "inventory", "file:" + inventory,
        "inventory-refresh", "1m"));
    collector.open(null);
    collector.poll(NOW);

    Files.delete(inventory);
    clock.advance(Duration.ofMinutes(1));
    PollResult result = collector.poll(NOW);
    assertEquals("postgres", result.samples().get(0).tags().get("remote_hostgroup"));
    Sample status = result.samples().get(1);
    assertEquals(Map.of("inventory_loads", 1L, "inventory_failures", 1L), status.counters());
    assertEquals(60.0, status.gauges().get("inventory_age_seconds"));
  }

  private HostDependenciesCollector collector(Map<String, Object> settings) {
    CollectorSpec spec = new CollectorSpec(HostDependenciesCollectorFactory.TYPE, Duration.ofSeconds(30),
        ConfigFactory.parseMap(settings), "telemetry.targets[0].collectors[0]");
    Target target = new Target("node-host", "localhost", 830, new Credentials("", Optional.empty(), Optional.empty()),
        List.of(spec), Duration.ofSeconds(5), Map.of());
    return new HostDependenciesCollector(target, HostDependenciesSettings.from(spec), ByteOrder.LITTLE_ENDIAN, clock);
  }

  private Sample sample(String family, Map<String, String> tags, String gauge, double value) {
    return new Sample("node-host", family, clock.instant(), tags, Map.of(), Map.of(gauge, value), Map.of(), 64, "");
  }
}
