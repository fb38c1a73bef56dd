package io.telemetry.it.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.snmp.SnmpSettings;
import io.telemetry.inventory.Resource;
import io.telemetry.inventory.discover.DiscoveryException;
import io.telemetry.inventory.discover.SnmpDiscoveryProbe;
import io.telemetry.testsupport.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SNMP discovery probe against real agents: Debian's net-snmp agent on this machine (whose
 * sysDescr is the kernel's uname and sysName the host name, both read here from the JVM and /proc)
 * and the corpus' Cisco Catalyst 3750 walk served by snmpsim.
 */
class SnmpDiscoveryIT {

  @TempDir
  Path workDir;

  private static SnmpDiscoveryProbe probe(String settings, int port) {
    return new SnmpDiscoveryProbe(SnmpSettings.parse(ConfigFactory.parseString(settings + "\nport = " + port),
        "telemetry.inventory.discovery.snmp", "discovery"), Duration.ofSeconds(6));
  }

  @Test
  void netSnmpOnLinuxIsClassifiedOverV2cAndV3() throws Exception {
    SnmpTools.requireAll();
    String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    try (Snmpd agent = Snmpd.start(workDir)) {
      Resource self = new Resource("localhost-snmpd", "127.0.0.1", Map.of());
      for (String settings : new String[] {SnmpTargets.v2c(Snmpd.COMMUNITY),
          SnmpTargets.v3(Snmpd.USER, Snmpd.AUTH_PASSPHRASE, Snmpd.PRIV_PASSPHRASE)}) {
        Map<String, String> found = probe(settings, agent.port()).probe(self);
        assertEquals("net-snmp", found.get("vendor"), found.toString());
        assertEquals("linux", found.get("os"), found.toString());
        assertEquals(System.getProperty("os.version"), found.get("os_version"), "the running kernel's release");
        assertEquals(hostname, found.get("hostname"));
        assertTrue(found.get("sys_object_id").startsWith("1.3.6.1.4.1.8072."), found.toString());
        assertTrue(found.get("sys_descr").startsWith("Linux " + hostname + " "), found.toString());
      }

      DiscoveryException e = assertThrows(DiscoveryException.class,
          () -> probe(SnmpTargets.v2c("wrong-community"), agent.port()).probe(self));
      assertTrue(e.getMessage().startsWith("device localhost-snmpd: discovery probe snmp: no answer to GET "),
          e.getMessage());
    }
  }

  @Test
  void theCorpusCatalystIsCiscoIosWithItsRelease() throws Exception {
    SnmpTools.requireAll();
    String community = "cisco-c3750";
    Path walk = SnmprecFiles.decompress(Corpus.file("snmp/cisco-c3750.snmprec.bz2"),
        workDir.resolve(community + ".snmprec"));
    try (Snmpsimd agent = Snmpsimd.start(workDir, Map.of(community, walk))) {
      Map<String, String> found = probe(SnmpTargets.v2c(community), agent.port())
          .probe(new Resource("c3750", "127.0.0.1", Map.of()));
      // sysDescr.0 of the capture (hex-encoded in the walk): "Cisco IOS Software, C3750 Software
      // (C3750-IPBASE-M), Version 12.2(50)SE5, RELEASE SOFTWARE (fc1)"; sysObjectID.0 9.1.516.
      assertEquals("cisco", found.get("vendor"));
      assertEquals("ios", found.get("os"));
      assertEquals("12.2(50)SE5", found.get("os_version"));
      assertEquals("DUMSYS-90", found.get("hostname"));
      assertEquals("1.3.6.1.4.1.9.1.516", found.get("sys_object_id"));
      assertTrue(found.get("sys_descr").startsWith("Cisco IOS Software, C3750 Software (C3750-IPBASE-M)"),
          found.toString());
    }
  }
}
