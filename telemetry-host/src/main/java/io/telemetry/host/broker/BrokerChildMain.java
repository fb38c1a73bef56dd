package io.telemetry.host.broker;

import io.telemetry.host.process.ParentWatch;
import java.time.Duration;

/**
 * Entry point of the broker child JVM: formats the KRaft storage when asked, then runs
 * {@code kafka.Kafka}. It exits when its standard input reaches end of file, which happens when the
 * parent JVM dies in any way (even {@code kill -9}), since the parent holds the other end of the
 * pipe; so a broker never outlives the process that started it.
 *
 * <p>Arguments: {@code <server.properties> [<cluster-id to format the storage with>]}.
 */
public final class BrokerChildMain {

  /** How long a parentless broker may take to shut down gracefully before it is halted. */
  private static final Duration ORPHAN_SHUTDOWN = Duration.ofSeconds(20);

  private BrokerChildMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: BrokerChildMain <server.properties> [<cluster-id to format with>]");
      System.exit(2);
    }
    ParentWatch.start(System.in, "telemetry broker", ORPHAN_SHUTDOWN);
    if (args.length == 2) {
      format(args[0], args[1]);
    }
    kafka.Kafka.main(new String[] {args[0]});
  }

  private static void format(String serverProperties, String clusterId) {
    String[] formatArgs = {"format", "-t", clusterId, "-c", serverProperties, "--ignore-formatted"};
    int status = kafka.tools.StorageTool.execute(formatArgs, System.out);
    if (status != 0) {
      System.err.println("telemetry broker: formatting the KRaft storage failed with status " + status);
      System.exit(status);
    }
  }
}
