package io.telemetry.it.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.inventory.Target;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.TopicReader;
import io.telemetry.simulate.FleetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with one target whose only collector is snmp (v3 authPriv, settings from HOCON), pointing
 * at Debian's snmpd on loopback: interface records arrive in the real broker keyed by the target
 * id, and from the second poll on they carry rates.
 */
class SnmpPipelineIT {

  private static final String TOPIC = "telemetry.metrics.interface";
  private static final String DEVICE = "snmpd-loopback";

  @TempDir
  Path workDir;

  @Test
  void interfaceRecordsWithRatesArriveKeyedByTheTarget() {
    SnmpTools.requireAll();
    try (Snmpd snmpd = Snmpd.start(workDir);
        LocalStack stack = LocalStack.startWithoutNode(workDir.resolve("stack"), FleetSpec.of(1).withInterfaces(1))) {
      Target target = SnmpTargets.target(DEVICE, snmpd.port(),
          SnmpTargets.v3(Snmpd.USER, Snmpd.AUTH_PASSPHRASE, Snmpd.PRIV_PASSPHRASE), Duration.ofSeconds(1));
      stack.startNode(List.of(target), ConfigFactory.empty());

      // The broker's own traffic runs over lo, so lo's counters move between polls (snmpd
      // refreshes them every few seconds): wait for a lo record with a positive octet rate.
      List<Decoded> records = DecodedRecords.decode(TopicReader.readUntil(stack.broker().bootstrapServers(),
          List.of(TOPIC), rs -> DecodedRecords.decode(rs).stream().anyMatch(r -> isLo(r)
              && r.sample().rates().getOrDefault("in_octets", 0.0) > 0), Duration.ofSeconds(90)));

      assertEquals(Set.of(DEVICE), records.stream().map(Decoded::key).collect(Collectors.toSet()));
      for (Decoded r : records) {
        assertEquals(DEVICE, r.sample().device(), "record key is the device id");
        assertEquals("interface", r.sample().family());
        assertEquals("local-node", r.sample().node());
        r.sample().rates().values().forEach(rate -> assertTrue(rate >= 0, r.sample().tags() + " rate " + rate));
      }
      List<Decoded> lo = records.stream().filter(SnmpPipelineIT::isLo).toList();
      assertTrue(lo.size() >= 2, lo.size() + " lo records");
      assertTrue(lo.get(0).sample().rates().isEmpty(), "the first reading has no rates");
      for (Decoded later : lo.subList(1, lo.size())) {
        assertEquals(later.sample().counters().keySet(), later.sample().rates().keySet(),
            "every counter has a rate from the second poll on");
      }
    }
  }

  private static boolean isLo(Decoded record) {
    return "lo".equals(record.sample().tags().get("interface"));
  }
}
