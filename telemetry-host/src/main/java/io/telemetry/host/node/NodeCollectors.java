package io.telemetry.host.node;

import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.host.HostDependenciesCollectorFactory;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.collect.snmp.SnmpCollectorFactory;
import java.util.List;

/** The collector types a node can run, by the names targets use in HOCON. */
final class NodeCollectors {

  private NodeCollectors() {}

  static CollectorRegistry registry() {
    return new CollectorRegistry(List.of(
        new JunosNetconfCollectorFactory(),
        new SnmpCollectorFactory(),
        new HostDependenciesCollectorFactory()));
  }
}
