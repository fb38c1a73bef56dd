package io.telemetry.it.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.PollResult;
import io.telemetry.inventory.Target;
import io.telemetry.testsupport.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real Cisco Catalyst 3750 walk from the corpus, served by Debian's snmpsim: the collector reads
 * what net-snmp's snmpwalk reads from the same agent, interface by interface, including the rows
 * without 64-bit counters (stack ports, Null0) that fall back to 32 bits.
 */
class SnmpsimCorpusIT {

  private static final String COMMUNITY = "cisco-c3750";

  @TempDir
  static Path workDir;

  static Snmpsimd agent;
  static SnmpWalk snmpwalk;

  @BeforeAll
  static void serveTheWalk() {
    SnmpTools.requireAll();
    Path walk = SnmprecFiles.decompress(Corpus.file("snmp/cisco-c3750.snmprec.bz2"),
        workDir.resolve(COMMUNITY + ".snmprec"));
    agent = Snmpsimd.start(workDir, Map.of(COMMUNITY, walk));
    snmpwalk = new SnmpWalk(workDir);
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  @ParameterizedTest(name = "max-repetitions = {0}")
  @ValueSource(ints = {1, 7, 25})
  void theCollectorReadsWhatSnmpwalkReads(int maxRepetitions) throws CollectException {
    Target target = SnmpTargets.target("c3750", agent.port(),
        SnmpTargets.v2c(COMMUNITY) + "\nmax-repetitions = " + maxRepetitions, Duration.ofSeconds(60));
    Collector collector = SnmpTargets.open(target);
    PollResult result;
    try {
      result = collector.poll(Instant.now());
    } finally {
      collector.close();
    }

    Map<Integer, ExpectedInterfaces.Expected> expected = ExpectedInterfaces.from(
        snmpwalk.walk(agent.port(), ToolLogin.v2c(COMMUNITY), ExpectedInterfaces.IF_TABLE),
        snmpwalk.walk(agent.port(), ToolLogin.v2c(COMMUNITY), ExpectedInterfaces.IF_X_TABLE));
    ExpectedInterfaces.assertSamplesMatch("c3750", expected, result.samples());

    long sysUpTime = snmpwalk.get(agent.port(), ToolLogin.v2c(COMMUNITY), "1.3.6.1.2.1.1.3.0")
        .get("1.3.6.1.2.1.1.3.0").number();
    assertEquals(sysUpTime / 100, result.deviceUptimeSeconds().getAsLong());
  }

  @Test
  void theCaptureHasBothCounterWidthsAndAliases() {
    // Guards the comparison above: it must cover 64-bit rows, 32-bit fallback rows and descriptions.
    Map<Integer, ExpectedInterfaces.Expected> expected = ExpectedInterfaces.from(
        snmpwalk.walk(agent.port(), ToolLogin.v2c(COMMUNITY), ExpectedInterfaces.IF_TABLE),
        snmpwalk.walk(agent.port(), ToolLogin.v2c(COMMUNITY), ExpectedInterfaces.IF_X_TABLE));
    assertTrue(expected.size() >= 19, expected.size() + " interfaces");
    assertTrue(expected.values().stream().anyMatch(e -> e.counterBits() == 64));
    assertTrue(expected.values().stream().anyMatch(e -> e.counterBits() == 32));
    assertTrue(expected.values().stream().anyMatch(e -> e.tags().containsKey("description")));
    assertEquals("Gi1/0/1", expected.get(10101).tags().get("interface"));
  }
}
