package io.telemetry.inventory.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectException;
import io.telemetry.collect.snmp.SnmpSettings;
import io.telemetry.collect.snmp.SnmpSystemInfo;
import io.telemetry.inventory.Resource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnmpDiscoveryProbeTest {

  private static final SnmpSettings SETTINGS = SnmpSettings.parse(ConfigFactory.parseString("community = public"),
      "telemetry.inventory.discovery.snmp", "discovery");
  private static final Resource MX1 = new Resource("mx1", "192.0.2.1", Map.of("site", "ams1"));

  @Test
  void mapsTheSystemGroupToAttributes() throws Exception {
    SnmpSystemInfo info = new SnmpSystemInfo(
        Optional.of("Juniper Networks, Inc. mx480 internet router, kernel JUNOS 12.2R1.3, Build date: x"),
        Optional.of("1.3.6.1.4.1.2636.1.1.1.2.25"), Optional.of("mx1-re0"));
    SnmpDiscoveryProbe probe = new SnmpDiscoveryProbe(SETTINGS, Duration.ofSeconds(3), (target, settings) -> {
      assertEquals("mx1", target.id());
      assertEquals("192.0.2.1", target.host());
      assertEquals(Duration.ofSeconds(3), target.timeout());
      assertSame(SETTINGS, settings);
      return info;
    });
    assertEquals(Map.of("vendor", "juniper", "model", "mx480", "os", "junos", "os_version", "12.2R1.3",
        "hostname", "mx1-re0", "sys_object_id", "1.3.6.1.4.1.2636.1.1.1.2.25",
        "sys_descr", "Juniper Networks, Inc. mx480 internet router, kernel JUNOS 12.2R1.3, Build date: x"),
        probe.probe(MX1));
  }

  @Test
  void anUnknownEnterpriseIsItsNumberAndOnlyTheFirstLineOfTheDescriptionIsKept() {
    Map<String, String> found = SnmpDiscoveryProbe.attributes(new SnmpSystemInfo(
        Optional.of("\n  Box 9000\nsecond line"), Optional.of("1.3.6.1.4.1.99999.1.2"), Optional.empty()));
    assertEquals(Map.of("vendor", "99999", "sys_object_id", "1.3.6.1.4.1.99999.1.2", "sys_descr", "Box 9000"), found);
  }

  @Test
  void aProductOidOutsideEnterprisesNamesNoVendor() {
    Map<String, String> found = SnmpDiscoveryProbe.attributes(new SnmpSystemInfo(Optional.of("x".repeat(400)),
        Optional.of("0.0"), Optional.of("h")));
    assertFalse(found.containsKey("vendor"));
    assertEquals(SnmpDiscoveryProbe.MAX_DESCR, found.get("sys_descr").length());
  }

  @Test
  void aFailureNamesTheDeviceAndTheProbeOnce() {
    SnmpDiscoveryProbe probe = new SnmpDiscoveryProbe(SETTINGS, Duration.ofSeconds(3), (target, settings) -> {
      throw new CollectException(target.id(), CollectException.Kind.TIMEOUT,
          "no answer to " + SnmpSystemInfo.REQUEST + " from SNMP agent 192.0.2.1:161/udp", true);
    });
    DiscoveryException e = assertThrows(DiscoveryException.class, () -> probe.probe(MX1));
    assertEquals("device mx1: discovery probe snmp: no answer to " + SnmpSystemInfo.REQUEST
        + " from SNMP agent 192.0.2.1:161/udp", e.getMessage());
    assertEquals("mx1", e.device());
    assertTrue(e.getCause() instanceof CollectException);
  }
}
