package io.telemetry.it.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.PollResult;
import io.telemetry.sample.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Walks the project records itself: Debian's snmpd on loopback is recorded with snmpsim's snmprec,
 * then served by snmpsimd as is and with objects left out, to play agents without ifXTable and
 * without the 64-bit (HC) columns. On every one the collector reads what snmpwalk reads.
 */
class SnmpdRecordedIT {

  private static final String FULL = "recorded";
  private static final String NO_IFXTABLE = "recorded-no-ifxtable";
  private static final String NO_HC = "recorded-no-hc";
  /** ifXTable's ifHC* columns: ifHCInOctets (6) to ifHCOutBroadcastPkts (13). */
  private static final Pattern HC_COLUMN = Pattern.compile("1\\.3\\.6\\.1\\.2\\.1\\.31\\.1\\.1\\.1\\.(6|7|8|9|10|11|12|13)\\..*");

  @org.junit.jupiter.api.io.TempDir
  static Path workDir;

  static Snmpsimd agent;
  static SnmpWalk snmpwalk;

  @BeforeAll
  static void recordAndServe() {
    SnmpTools.requireAll();
    Path recorded;
    try (Snmpd snmpd = Snmpd.start(workDir)) {
      recorded = SnmprecFiles.record(snmpd.port(), Snmpd.COMMUNITY, List.of(
          new String[] {"1.3.6.1.2.1.1.3", "1.3.6.1.2.1.1.4"}, // sysUpTime
          new String[] {"1.3.6.1.2.1.2.2", "1.3.6.1.2.1.2.3"}, // ifTable
          new String[] {"1.3.6.1.2.1.31.1.1", "1.3.6.1.2.1.31.1.2"}), // ifXTable
          workDir.resolve("recorded.snmprec"), workDir);
    }
    Path noIfXTable = SnmprecFiles.filter(recorded, oid -> !oid.startsWith("1.3.6.1.2.1.31.1.1."),
        workDir.resolve("no-ifxtable.snmprec"));
    Path noHc = SnmprecFiles.filter(recorded, oid -> !HC_COLUMN.matcher(oid).matches(), workDir.resolve("no-hc.snmprec"));
    agent = Snmpsimd.start(workDir, Map.of(FULL, recorded, NO_IFXTABLE, noIfXTable, NO_HC, noHc));
    snmpwalk = new SnmpWalk(workDir);
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {FULL, NO_IFXTABLE, NO_HC})
  void theCollectorReadsWhatSnmpwalkReads(String community) throws CollectException {
    Map<String, SnmpValue> ifTable = snmpwalk.walk(agent.port(), ToolLogin.v2c(community), ExpectedInterfaces.IF_TABLE);
    Map<String, SnmpValue> ifXTable = snmpwalk.walk(agent.port(), ToolLogin.v2c(community),
        ExpectedInterfaces.IF_X_TABLE);
    assertFalse(ifTable.isEmpty(), "the recording has ifTable");
    assertEquals(community.equals(NO_IFXTABLE), ifXTable.isEmpty(), "ifXTable served only where it was kept");

    List<Sample> samples = poll(community);

    Map<Integer, ExpectedInterfaces.Expected> expected = ExpectedInterfaces.from(ifTable, ifXTable);
    ExpectedInterfaces.assertSamplesMatch("recorded-host", expected, samples);
    if (community.equals(FULL)) {
      assertTrue(samples.stream().allMatch(s -> s.counterBits() == 64), "snmpd serves HC counters for every row");
    } else {
      assertTrue(samples.stream().allMatch(s -> s.counterBits() == 32), "no HC counters: 32-bit fallback");
    }
    if (community.equals(NO_IFXTABLE)) {
      assertTrue(samples.stream().noneMatch(s -> s.tags().containsKey("description")));
      assertTrue(samples.stream().allMatch(s -> s.discontinuity().matches("ifIndex=\\d+")), "no ifXTable, no "
          + "ifCounterDiscontinuityTime");
    }
  }

  private static List<Sample> poll(String community) throws CollectException {
    Collector collector = SnmpTargets.open(SnmpTargets.target("recorded-host", agent.port(),
        SnmpTargets.v2c(community), Duration.ofSeconds(60)));
    try {
      PollResult result = collector.poll(Instant.now());
      return result.samples();
    } finally {
      collector.close();
    }
  }
}
