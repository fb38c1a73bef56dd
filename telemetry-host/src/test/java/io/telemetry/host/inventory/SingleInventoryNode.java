package io.telemetry.host.inventory;

import com.typesafe.config.ConfigFactory;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.host.process.ChildFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One real node in this JVM for the run-time inventory's routes and CLI: its own cluster, the
 * management HTTP server on a free port with the real {@link TargetRoutes} and the real inventory
 * coordinator, no inventory source, and one policy that selects {@code vendor = "juniper"}. Kafka
 * is a closed port: nothing here reads records, and devices only ever fail to connect (port 9).
 */
public final class SingleInventoryNode implements AutoCloseable {

  private final TelemetryNode node;
  private final URI management;

  private SingleInventoryNode(TelemetryNode node, URI management) {
    this.node = node;
    this.management = management;
  }

  public static SingleInventoryNode start(Path workDir) throws IOException {
    int port = ChildFiles.freePort("127.0.0.1");
    Path knownHosts = Files.writeString(workDir.resolve("known_hosts"), "");
    TelemetryNode node = TelemetryNode.start(TelemetryConfig.load(Optional.empty(), ConfigFactory.parseString("""
        telemetry.node-id = inventory-routes
        telemetry.kafka.bootstrap-servers = "127.0.0.1:%d"
        telemetry.ssh.known-hosts = "%s"
        telemetry.management { hostname = "127.0.0.1", port = %d }
        pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
        telemetry.inventory.overlay-dir = "%s"
        telemetry.inventory {
          credentials { lab { username = telemetry, password = not-used } }
          policies = [ { select = "vendor = \\"juniper\\"", collectors = [ junos-netconf ], interval = 1h,
            credentials = lab } ]
        }
        """.formatted(ChildFiles.freePort("127.0.0.1"), knownHosts, port,
        workDir.toAbsolutePath().resolve("inventory-overlay")))));
    return new SingleInventoryNode(node, URI.create("http://127.0.0.1:" + port));
  }

  /** The management HTTP base URL. */
  public URI management() {
    return management;
  }

  @Override
  public void close() {
    node.close();
  }
}
