package io.telemetry.it.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.PollResult;
import io.telemetry.device.CounterRates;
import io.telemetry.inventory.Target;
import io.telemetry.it.support.Await;
import io.telemetry.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's snmpd on loopback, serving this machine's real interfaces over v2c and v3 (authPriv,
 * SHA/AES): the collector reads what snmpwalk reads, lo's counters and rates move with loopback
 * traffic, and refused logins fail with errors naming the device and the request.
 */
class SnmpdLiveIT {

  private static final int TRIES = 5;

  @TempDir
  static Path workDir;

  static Snmpd snmpd;
  static SnmpWalk snmpwalk;

  @BeforeAll
  static void startSnmpd() {
    SnmpTools.requireAll();
    snmpd = Snmpd.start(workDir);
    snmpwalk = new SnmpWalk(workDir);
  }

  @AfterAll
  static void stop() {
    if (snmpd != null) {
      snmpd.close();
    }
  }

  @Test
  void v2cReadsWhatSnmpwalkReads() throws CollectException {
    assertReadsWhatSnmpwalkReads(SnmpTargets.v2c(Snmpd.COMMUNITY), Snmpd.v2c());
  }

  @Test
  void v3AuthPrivReadsWhatSnmpwalkReads() throws CollectException {
    assertReadsWhatSnmpwalkReads(SnmpTargets.v3(Snmpd.USER, Snmpd.AUTH_PASSPHRASE, Snmpd.PRIV_PASSPHRASE), Snmpd.v3());
  }

  /**
   * snmpd refreshes its interface data every few seconds, so the comparison needs a poll during
   * which snmpwalk saw no change: walk, poll, walk again, and compare when both walks agree.
   */
  private static void assertReadsWhatSnmpwalkReads(String settings, ToolLogin login) throws CollectException {
    Target target = SnmpTargets.target("live-host", snmpd.port(), settings, Duration.ofSeconds(60));
    Collector collector = SnmpTargets.open(target);
    try {
      for (int attempt = 1; attempt <= TRIES; attempt++) {
        Map<String, SnmpValue> ifBefore = snmpwalk.walk(snmpd.port(), login, ExpectedInterfaces.IF_TABLE);
        Map<String, SnmpValue> ifXBefore = snmpwalk.walk(snmpd.port(), login, ExpectedInterfaces.IF_X_TABLE);
        PollResult result = collector.poll(Instant.now());
        Map<String, SnmpValue> ifAfter = snmpwalk.walk(snmpd.port(), login, ExpectedInterfaces.IF_TABLE);
        Map<String, SnmpValue> ifXAfter = snmpwalk.walk(snmpd.port(), login, ExpectedInterfaces.IF_X_TABLE);
        if (ifBefore.equals(ifAfter) && ifXBefore.equals(ifXAfter)) {
          assertFalse(ifBefore.isEmpty(), "snmpd serves ifTable");
          ExpectedInterfaces.assertSamplesMatch("live-host", ExpectedInterfaces.from(ifBefore, ifXBefore),
              result.samples());
          assertTrue(result.deviceUptimeSeconds().isPresent());
          return;
        }
      }
      fail("snmpd's interface data changed during each of " + TRIES + " polls; nothing compared");
    } finally {
      collector.close();
    }
  }

  @Test
  void loopbackTrafficMovesLosCountersAndRates() throws CollectException {
    int lo = loIfIndex();
    Target target = SnmpTargets.target("live-host", snmpd.port(), SnmpTargets.v2c(Snmpd.COMMUNITY),
        Duration.ofSeconds(60));
    CounterRates rates = new CounterRates();
    Collector collector = SnmpTargets.open(target);
    try {
      PollResult first = collector.poll(Instant.now());
      Sample before = lo(rates.apply(first));
      assertTrue(before.rates().isEmpty(), "no rate from a first reading");

      int datagrams = 2000;
      int size = 1000;
      LoopbackTraffic.send(datagrams, size);
      String hcInOctets = ExpectedInterfaces.IF_X_TABLE + ".6." + lo;
      long wanted = before.counters().get("in_octets") + (long) datagrams * size;
      // snmpd re-reads the kernel's counters every few seconds.
      Await.until("snmpd to show the loopback traffic", Duration.ofSeconds(30), () ->
          Long.compareUnsigned(snmpwalk.get(snmpd.port(), Snmpd.v2c(), hcInOctets).get(hcInOctets).number(), wanted) >= 0);

      PollResult second = collector.poll(Instant.now());
      Sample after = lo(rates.apply(second));

      assertEquals(64, after.counterBits());
      assertEquals(before.discontinuity(), after.discontinuity());
      assertTrue(second.deviceUptimeSeconds().getAsLong() >= first.deviceUptimeSeconds().getAsLong());
      double seconds = Duration.between(before.time(), after.time()).toNanos() / 1e9;
      for (String counter : List.of("in_octets", "out_octets", "in_packets", "out_packets")) {
        long delta = after.counters().get(counter) - before.counters().get(counter);
        long floor = counter.endsWith("octets") ? (long) datagrams * size : datagrams;
        assertTrue(delta >= floor, counter + " grew by " + delta + ", less than the " + floor + " sent");
        Double rate = after.rates().get(counter);
        assertTrue(rate != null && rate > 0, counter + " rate " + rate);
        assertEquals(delta / seconds, rate, delta / seconds * 1e-9, counter + " rate = delta / time between readings");
      }
    } finally {
      collector.close();
    }
  }

  @Test
  void aWrongAuthPassphraseTimesOutWithAHint() throws CollectException {
    // snmpd answers with an unauthenticated usmStatsWrongDigests report, which SNMP4J ignores as
    // RFC 3412 7.2.11 asks (anyone could forge it), so the request times out.
    CollectException e = pollFails(SnmpTargets.v3(Snmpd.USER, "not-the-passphrase", Snmpd.PRIV_PASSPHRASE));
    assertEquals(CollectException.Kind.TIMEOUT, e.kind(), e.getMessage());
    assertTrue(e.getMessage().startsWith("device bad-login: no answer to GET SNMPv2-MIB::sysUpTime.0"), e.getMessage());
    assertTrue(e.getMessage().contains("wrong auth/priv passphrase"), e.getMessage());
  }

  @Test
  void anUnknownUserIsAnAuthErrorNamingTheDevice() throws CollectException {
    CollectException e = pollFails(SnmpTargets.v3("nobody-here", Snmpd.AUTH_PASSPHRASE, Snmpd.PRIV_PASSPHRASE));
    assertEquals(CollectException.Kind.AUTH, e.kind(), e.getMessage());
    assertTrue(e.getMessage().startsWith("device bad-login: "), e.getMessage());
    assertTrue(e.getMessage().contains("usmStatsUnknownUserNames"), e.getMessage());
  }

  @Test
  void aWrongCommunityTimesOutNamingTheDeviceAndTheRequest() throws CollectException {
    CollectException e = pollFails(SnmpTargets.v2c("not-the-community") + "\nretries = 0");
    assertEquals(CollectException.Kind.TIMEOUT, e.kind(), e.getMessage());
    assertTrue(e.getMessage().startsWith("device bad-login: no answer to GET SNMPv2-MIB::sysUpTime.0 from SNMP agent "
        + "127.0.0.1:" + snmpd.port()), e.getMessage());
    assertTrue(e.sessionBroken(), "a reopen resolves the host again");
  }

  private static CollectException pollFails(String settings) throws CollectException {
    Target target = SnmpTargets.target("bad-login", snmpd.port(), settings, Duration.ofSeconds(60));
    Target quick = new Target(target.id(), target.host(), target.port(), target.credentials(), target.collectors(),
        Duration.ofSeconds(2), target.labels());
    Collector collector = SnmpTargets.open(quick);
    try {
      return assertThrows(CollectException.class, () -> collector.poll(Instant.now()));
    } finally {
      collector.close();
    }
  }

  private static int loIfIndex() {
    Map<String, SnmpValue> descr = snmpwalk.walk(snmpd.port(), Snmpd.v2c(), ExpectedInterfaces.IF_TABLE + ".2");
    return descr.entrySet().stream()
        .filter(e -> new String(e.getValue().bytes(), StandardCharsets.UTF_8).equals("lo"))
        .map(e -> Integer.parseInt(e.getKey().substring(e.getKey().lastIndexOf('.') + 1)))
        .findFirst().orElseThrow(() -> new AssertionError("snmpd lists no lo interface: " + descr.keySet()));
  }

  private static Sample lo(List<Sample> samples) {
    return samples.stream().filter(s -> "lo".equals(s.tags().get("interface"))).findFirst()
        .orElseThrow(() -> new AssertionError("no lo sample in " + samples));
  }
}
