package io.telemetry.host.node;

import com.typesafe.config.Config;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.collect.netconf.NetconfConnector;
import io.telemetry.collect.ssh.SshConnector;
import java.util.List;

/**
 * The collector types of a node and the transports they share: one SSH client for every device
 * session on this node.
 */
final class NodeCollectors implements AutoCloseable {

  /** The collector types a target may name. */
  static final java.util.Set<String> TYPES = java.util.Set.of(JunosNetconfCollectorFactory.TYPE);

  private final SshConnector ssh;
  private final CollectorRegistry registry;

  private NodeCollectors(SshConnector ssh, CollectorRegistry registry) {
    this.ssh = ssh;
    this.registry = registry;
  }

  /** @param root the whole resolved config (the SSH block is read from {@code telemetry.ssh}) */
  static NodeCollectors fromConfig(Config root) {
    SshConnector ssh = SshConnector.fromConfig(root);
    NetconfConnector netconf = new NetconfConnector(ssh);
    CollectorRegistry registry = new CollectorRegistry(List.of(
        new JunosNetconfCollectorFactory(target -> () -> netconf.open(target))));
    return new NodeCollectors(ssh, registry);
  }

  CollectorRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    ssh.close();
  }
}
