package io.telemetry.host.cluster;

import io.telemetry.host.TelemetryCli;
import io.telemetry.host.process.ParentWatch;
import java.time.Duration;

/**
 * Entry point of a node JVM started by {@link LocalCluster}: {@code telemetry run --config FILE},
 * plus a watch on standard input so that the node never outlives the JVM that started it (even
 * after {@code kill -9} of that JVM). {@code kill -9} of the node itself is what failover tests do.
 *
 * <p>Arguments: {@code <node name> <config file>}.
 */
public final class NodeChildMain {

  /** A parentless node leaves the cluster gracefully, and is halted if that takes longer. */
  private static final Duration ORPHAN_SHUTDOWN = Duration.ofSeconds(60);

  private NodeChildMain() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: NodeChildMain <node name> <config file>");
      System.exit(2);
    }
    ParentWatch.start(System.in, "telemetry node " + args[0], ORPHAN_SHUTDOWN);
    TelemetryCli.main(new String[] {"run", "--config", args[1]});
  }
}
