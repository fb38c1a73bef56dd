package io.telemetry.host.broker;

import java.nio.file.Path;

/**
 * Runs an embedded broker until this JVM is stopped (Ctrl-C stops the broker cleanly):
 * {@code StandaloneBroker [--port 9092] [--data-dir .telemetry/kafka] [--partitions 6]}.
 * The CLI may call {@link #run} with its own options.
 */
public final class StandaloneBroker {

  private StandaloneBroker() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 9092;
    Path dataDir = Path.of(".telemetry", "kafka");
    int partitions = 6;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> port = Integer.parseInt(value);
        case "--data-dir" -> dataDir = Path.of(value);
        case "--partitions" -> partitions = Integer.parseInt(value);
        default -> throw new IllegalArgumentException(
            "unknown option " + option + " (known: --port, --data-dir, --partitions)");
      }
    }
    run(EmbeddedKafka.builder().port(port).dataDir(dataDir).partitions(partitions).build());
  }

  /** Starts the broker, prints where it is, and blocks until the JVM shuts down. */
  public static void run(EmbeddedKafka kafka) throws InterruptedException {
    kafka.start();
    System.out.println("Kafka broker (KRaft) serving at " + kafka.bootstrapServers()
        + ", data in " + kafka.dataDir() + ", log " + kafka.logFile());
    Thread.currentThread().join(); // until the JVM exits; EmbeddedKafka's shutdown hook stops the child
  }
}
