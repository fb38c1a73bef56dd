package io.telemetry.host.broker;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

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
  private static final long ORPHAN_SHUTDOWN_SECONDS = 20;

  private BrokerChildMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: BrokerChildMain <server.properties> [<cluster-id to format with>]");
      System.exit(2);
    }
    watchParent(System.in);
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

  private static void watchParent(InputStream parentPipe) {
    Thread watcher = new Thread(() -> {
      try {
        while (parentPipe.read() >= 0) {
          // The parent never writes; anything read is ignored.
        }
      } catch (IOException e) {
        // A broken pipe means the same as end of file: the parent is gone.
      }
      System.err.println("telemetry broker: parent process gone, shutting down");
      haltLater();
      System.exit(0); // runs Kafka's shutdown hook: a clean shutdown when it can
    }, "telemetry-broker-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void haltLater() {
    Thread halter = new Thread(() -> {
      try {
        TimeUnit.SECONDS.sleep(ORPHAN_SHUTDOWN_SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(1);
    }, "telemetry-broker-halt");
    halter.setDaemon(true);
    halter.start();
  }
}
