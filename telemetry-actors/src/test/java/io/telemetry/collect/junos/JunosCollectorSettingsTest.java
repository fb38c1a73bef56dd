package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetConfigLoader;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The collector block's settings, read through the real target loader so that paths are real. */
class JunosCollectorSettingsTest {

  private static final CollectorRegistry COLLECTORS = new CollectorRegistry(List.of(new JunosNetconfCollectorFactory()));

  private static Target load(String block) {
    Config config = ConfigFactory.parseString("""
        telemetry.targets = [
          { id = r0, host = h, username = u, password = p }
          { id = r1, host = h, username = u, password = p, collectors = [ { type = junos-netconf }, %s ] }
        ]""".formatted(block)).withFallback(ConfigFactory.defaultReference()).resolve();
    return TargetConfigLoader.load(config.getConfig("telemetry"), COLLECTORS).get(1);
  }

  private static JunosCollectorSettings settings(String block) {
    return JunosCollectorSettings.from(load(block).collectors().get(1));
  }

  @Test
  void defaultsAreEveryGroupThirtyMinutesAndDiscoveredInstances() {
    JunosCollectorSettings defaults = JunosCollectorSettings.from(load("{ type = junos-netconf }").collectors().get(0));
    assertEquals(EnumSet.allOf(JunosRpcGroup.class), defaults.rpcs());
    assertEquals(Duration.ofMinutes(30), defaults.inventoryInterval());
    assertEquals(List.of(), defaults.bgpInstances());
    assertEquals(JunosCollectorSettings.defaults(), defaults);
  }

  @Test
  void everySettingIsRead() {
    JunosCollectorSettings s = settings("""
        { type = junos-netconf, rpcs = [interfaces, " BGP ", lldp], inventory-interval = 90s,
          bgp-instances = [master, CUST-A, CUST-A] }""");
    assertEquals(EnumSet.of(JunosRpcGroup.INTERFACES, JunosRpcGroup.BGP, JunosRpcGroup.LLDP), s.rpcs());
    assertEquals(Duration.ofSeconds(90), s.inventoryInterval());
    assertEquals(List.of("master", "CUST-A"), s.bgpInstances());
  }

  @Test
  void everyGroupNameIsAccepted() {
    JunosCollectorSettings s = settings("{ type = junos-netconf, rpcs = [interfaces, route-engine, environment, power, "
        + "bgp, storage, alarms, descriptions, lldp] }");
    assertEquals(EnumSet.allOf(JunosRpcGroup.class), s.rpcs());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{ type = junos-netconf, rcps = [bgp] }                  | telemetry.targets[1].collectors[1].rcps | unknown junos-netconf setting",
      "{ type = junos-netconf, rpcs = [bgp, ospf] }            | telemetry.targets[1].collectors[1].rpcs | unknown request group \"ospf\"",
      "{ type = junos-netconf, rpcs = [] }                     | telemetry.targets[1].collectors[1].rpcs | at least one",
      "{ type = junos-netconf, rpcs = bgp }                    | telemetry.targets[1].collectors[1].rpcs | list of strings",
      "{ type = junos-netconf, rpcs = [[bgp]] }                | telemetry.targets[1].collectors[1].rpcs | list of strings",
      "{ type = junos-netconf, inventory-interval = often }    | telemetry.targets[1].collectors[1].inventory-interval | not a duration",
      "{ type = junos-netconf, inventory-interval = 0s }       | telemetry.targets[1].collectors[1].inventory-interval | must be positive",
      "{ type = junos-netconf, bgp-instances = [] }            | telemetry.targets[1].collectors[1].bgp-instances | routing instance names",
      "{ type = junos-netconf, bgp-instances = [\" \"] }       | telemetry.targets[1].collectors[1].bgp-instances | routing instance names"})
  void badSettingsAreRefusedAtLoadNamingTheirPath(String block, String path, String reason) {
    String message = assertThrows(ConfigException.class, () -> load(block)).getMessage();
    assertTrue(message.contains(path), message);
    assertTrue(message.contains(reason), message);
  }
}
