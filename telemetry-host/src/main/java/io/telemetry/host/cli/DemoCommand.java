package io.telemetry.host.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.telemetry.host.demo.InfluxCounts;
import io.telemetry.host.demo.KafkaTail;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.host.demo.ProgressLine;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.simulate.FleetSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code telemetry demo}: the embedded broker, a simulated fleet and one node, with live progress
 * and a tail of the records arriving in Kafka. When influxd is installed the node also writes to
 * an embedded InfluxDB (database {@value #INFLUX_DATABASE}); {@code --influx-url} writes to a
 * server of one's own instead. Ctrl-C stops everything cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Embedded Kafka (+ InfluxDB when influxd is installed) + simulated Junos fleet + one node,"
        + " with live progress.")
public final class DemoCommand implements Callable<Integer> {

  static final String INFLUX_DATABASE = "telemetry";
  /** The query the demo suggests: the latest input rate of every interface. */
  public static final String EXAMPLE_QUERY =
      "SELECT last(\"in_octets_rate\") FROM \"interface\" GROUP BY \"device\", \"interface\"";

  @Option(names = "--devices", defaultValue = "30", description = "Simulated devices (default ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--interfaces", defaultValue = "16", description = "Interfaces per device (default ${DEFAULT-VALUE}).")
  int interfaces;

  @Option(names = "--interval", defaultValue = "5", description = "Poll interval in seconds (default ${DEFAULT-VALUE}).")
  int intervalSeconds;

  @Option(names = "--duration", description = "Stop by itself after this many seconds (default: run until Ctrl-C).")
  Integer durationSeconds;

  @Option(names = "--work-dir", defaultValue = ".telemetry/demo",
      description = "Broker and InfluxDB data, known_hosts and the log file (default ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--influx-url",
      description = "Write to this InfluxDB 1.x server (telemetry.influx.url, database " + INFLUX_DATABASE
          + ") instead of an embedded one.")
  URI influxUrl;

  @Override
  public Integer call() throws Exception {
    Path log = workDir.resolve("telemetry.log").toAbsolutePath();
    java.nio.file.Files.createDirectories(workDir);
    LogFile.redirectTo(log);
    Duration interval = Duration.ofSeconds(intervalSeconds);
    System.out.printf("telemetry demo: %d simulated devices x %d interfaces, polled every %ds; log: %s%n",
        devices, interfaces, intervalSeconds, log);
    boolean embeddedInflux = influxUrl == null && EmbeddedInflux.installed();
    System.out.println(embeddedInflux
        ? "starting the embedded Kafka broker, InfluxDB and the simulated fleet..."
        : "starting the embedded Kafka broker and the simulated fleet...");
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    // On Ctrl-C the JVM waits for shutdown hooks only: ours holds it until the stack is closed.
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    FleetSpec fleet = FleetSpec.of(devices).withInterfaces(interfaces);
    try (LocalStack stack = embeddedInflux
            ? LocalStack.startWithInflux(workDir, fleet, interval, ConfigFactory.empty(), INFLUX_DATABASE)
            : LocalStack.start(workDir, fleet, interval, externalInflux());
        KafkaTail tail = new KafkaTail(stack.broker().bootstrapServers(), 4).start()) {
      System.out.printf("broker at %s, %d devices from %s:%d; Ctrl-C to stop%n", stack.broker().bootstrapServers(),
          devices, stack.fleet().devices().get(0).host(), stack.fleet().devices().get(0).port());
      printInfluxHowTo(stack);
      ProgressLine progress = new ProgressLine(stack.node().metrics(), stack.node().pipeline(), devices, interval);
      long deadline = durationSeconds == null ? Long.MAX_VALUE : System.nanoTime() + durationSeconds * 1_000_000_000L;
      int tick = 0;
      while (!stop.await(2, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
        System.out.println(progress.next());
        System.out.println("        " + progress.sinks());
        if (++tick % 5 == 0) {
          tail.lastRecords().forEach(r -> System.out.println("    kafka: " + r));
          stack.influx().ifPresent(influx ->
              System.out.println("    influx: " + InfluxCounts.describe(influx, INFLUX_DATABASE)));
        }
      }
      System.out.println(progress.next());
      System.out.println("        " + progress.sinks());
      System.out.println("stopping: draining the pipeline, closing sessions, stopping the broker...");
    } finally {
      stopped.countDown();
    }
    System.out.println("stopped.");
    return 0;
  }

  // --influx-url: the sink writes to the given server; nothing embedded.
  private Config externalInflux() {
    if (influxUrl == null) {
      return ConfigFactory.empty();
    }
    return ConfigFactory.empty()
        .withValue("telemetry.influx.enabled", ConfigValueFactory.fromAnyRef(true))
        .withValue("telemetry.influx.url", ConfigValueFactory.fromAnyRef(influxUrl.toString()))
        .withValue("telemetry.influx.database", ConfigValueFactory.fromAnyRef(INFLUX_DATABASE));
  }

  private void printInfluxHowTo(LocalStack stack) {
    if (stack.influx().isPresent()) {
      EmbeddedInflux influx = stack.influx().get();
      int port = influx.port();
      System.out.printf("InfluxDB at %s, database %s (data in %s); query it with%n", influx.url(), INFLUX_DATABASE,
          influx.dataDir());
      System.out.printf("  curl -sG %s/query --data-urlencode db=%s --data-urlencode 'q=%s'%n", influx.url(),
          INFLUX_DATABASE, EXAMPLE_QUERY);
      System.out.printf("  influx -port %d -database %s -execute '%s'   (the influx shell: apt-get install"
          + " influxdb-client)%n", port, INFLUX_DATABASE, EXAMPLE_QUERY);
    } else if (influxUrl != null) {
      System.out.printf("InfluxDB at %s, database %s (it must exist: CREATE DATABASE %s)%n", influxUrl,
          INFLUX_DATABASE, INFLUX_DATABASE);
    } else {
      System.out.println("InfluxDB: influxd is not installed, so samples go to Kafka only; to write to InfluxDB too,"
          + " run scripts/install-influxdb.sh (Debian's influxdb) or pass --influx-url http://HOST:8086"
          + " (telemetry.influx.url)");
    }
  }
}
