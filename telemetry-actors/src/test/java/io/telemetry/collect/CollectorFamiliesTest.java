package io.telemetry.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.cli.CliCollectorFactory;
import io.telemetry.collect.host.HostDependenciesCollectorFactory;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.collect.meraki.MerakiCollectorFactory;
import io.telemetry.collect.meraki.RateLimitSettings;
import io.telemetry.collect.snmp.SnmpCollectorFactory;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetConfigLoader;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The families a node's collectors may write, from which it creates its Kafka topics. Expected
 * values are the families docs/schema/measurements.md lists per collector.
 */
class CollectorFamiliesTest {

  private static final CollectorRegistry REGISTRY = new CollectorRegistry(List.of(
      new JunosNetconfCollectorFactory(), new CliCollectorFactory(), new SnmpCollectorFactory(),
      new MerakiCollectorFactory(RateLimitSettings.fromConfig(
          ConfigFactory.defaultReference().resolve().getConfig("telemetry"))),
      new HostDependenciesCollectorFactory()));

  @Test
  void everyRegisteredTypeContributesItsFamiliesWithoutAnyTarget() {
    assertEquals(new TreeSet<>(Set.of(
            "interface", "route_engine", "environment", "bgp_peer", "bgp_peer_rib", "storage", "alarm",
            "collector_request", // junos-netconf
            "uplink", "client", // meraki
            "dependency", "listening_service", "dependency_status")), // host-dependencies
        REGISTRY.families(List.of()));
  }

  @Test
  void cliRegexCommandsAddTheFamiliesTheyName() {
    List<Target> targets = TargetConfigLoader.load(ConfigFactory.parseString("""
        telemetry.targets = [{
          id = "r1", host = "127.0.0.1", username = "u", password = "p"
          collectors = [{
            type = "cli", interval = 30s
            commands = [{
              command = "show system users", format = regex, family = "login_sessions"
              pattern = "(?<user>\\\\S+)\\\\s+(?<count>\\\\d+)", tags = ["user"], gauges = ["count"]
            }]
          }]
        }]
        """).withFallback(ConfigFactory.defaultReference()).resolve().getConfig("telemetry"), REGISTRY);
    Set<String> families = REGISTRY.families(targets);
    assertEquals(true, families.contains("login_sessions"), families.toString());
    assertEquals(REGISTRY.families(List.of()).size() + 1, families.size(), families.toString());
  }
}
