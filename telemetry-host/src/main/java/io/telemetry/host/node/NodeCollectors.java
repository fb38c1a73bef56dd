package io.telemetry.host.node;

import com.typesafe.config.Config;
import io.telemetry.collect.CollectorFactory;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.cli.CliCollectorFactory;
import io.telemetry.collect.host.HostDependenciesCollectorFactory;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.collect.meraki.MerakiCollectorFactory;
import io.telemetry.collect.meraki.RateLimitSettings;
import io.telemetry.collect.snmp.SnmpCollectorFactory;
import java.util.List;

/** The collector types a node can run, by the names targets use in HOCON. */
public final class NodeCollectors {

  private NodeCollectors() {}

  /** @param telemetry the node's resolved {@code telemetry} block (node-wide collector settings) */
  static CollectorRegistry registry(Config telemetry) {
    return new CollectorRegistry(factories(telemetry));
  }

  /** The factories themselves (the config check adds its own placeholder type to them). */
  public static List<CollectorFactory> factories(Config telemetry) {
    return List.of(
        new JunosNetconfCollectorFactory(),
        new CliCollectorFactory(),
        new SnmpCollectorFactory(),
        new MerakiCollectorFactory(RateLimitSettings.fromConfig(telemetry)),
        new HostDependenciesCollectorFactory());
  }
}
