package io.telemetry.host.influx;

import java.nio.file.Path;

/**
 * Runs an embedded InfluxDB until this JVM is stopped (Ctrl-C stops the server cleanly):
 * {@code StandaloneInflux [--port 8086] [--data-dir .telemetry/influx] [--database telemetry]}.
 */
public final class StandaloneInflux {

  private StandaloneInflux() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 8086;
    Path dataDir = Path.of(".telemetry", "influx");
    String database = "telemetry";
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> port = Integer.parseInt(value);
        case "--data-dir" -> dataDir = Path.of(value);
        case "--database" -> database = value;
        default -> throw new IllegalArgumentException(
            "unknown option " + option + " (known: --port, --data-dir, --database)");
      }
    }
    EmbeddedInflux influx = EmbeddedInflux.builder().port(port).dataDir(dataDir).database(database).build().start();
    System.out.println("InfluxDB serving at " + influx.url() + ", database " + database + ", data in "
        + influx.dataDir() + ", log " + influx.logFile());
    Thread.currentThread().join(); // until the JVM exits; EmbeddedInflux's shutdown hook stops the server
  }
}
