package io.telemetry.host.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.telemetry.host.demo.DemoCorrelation;
import io.telemetry.host.demo.EventFeed;
import io.telemetry.host.demo.InProcessCorrelation;
import io.telemetry.host.demo.InfluxCounts;
import io.telemetry.host.demo.KafkaTail;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.host.demo.ProgressLine;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.simulate.ChaosKind;
import io.telemetry.simulate.ChaosSettings;
import io.telemetry.simulate.FleetChaos;
import io.telemetry.simulate.FleetSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry demo}: the embedded broker, a simulated fleet and one node, with live progress
 * and a tail of the records arriving in Kafka. When influxd is installed the node also writes to
 * an embedded InfluxDB (database {@value #INFLUX_DATABASE}); {@code --influx-url} writes to a
 * server of one's own instead. The correlation rules of {@link DemoCorrelation} run beside the
 * node, chaos on the fleet (unless {@code --no-chaos}) flaps and fails links, drops BGP sessions
 * and spikes traffic, and every committed event is printed as it comes. Ctrl-C stops everything
 * cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Embedded Kafka (+ InfluxDB when influxd is installed) + simulated Junos fleet + one node"
        + " + correlation rules (interface-flap, sustained-utilization, link-failure), with chaos on the fleet,"
        + " live progress and events as they fire.")
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

  @Option(names = "--no-chaos", description = "Leave the fleet alone: no flaps, link failures, BGP drops or spikes.")
  boolean noChaos;

  @Option(names = "--chaos-period", defaultValue = "20s",
      description = "Time between chaos incidents, a HOCON duration (default ${DEFAULT-VALUE}).")
  String chaosPeriod;

  @Option(names = "--chaos-kinds", split = ",", defaultValue = "flap,link-failure,bgp-drop,spike",
      description = "Which incidents: flap, link-failure, bgp-drop, spike (default ${DEFAULT-VALUE}).")
  List<String> chaosKinds;

  @Spec
  CommandSpec spec;

  /** Counted down by Ctrl-C (the shutdown hook) or {@link #stop()}. */
  private final CountDownLatch stop = new CountDownLatch(1);

  /** Stops a running demo as Ctrl-C does (for in-process runs, e.g. tests); {@link #call} then returns. */
  public void stop() {
    stop.countDown();
  }

  @Override
  public Integer call() throws Exception {
    Path log = workDir.resolve("telemetry.log").toAbsolutePath();
    java.nio.file.Files.createDirectories(workDir);
    LogFile.redirectTo(log);
    Duration interval = Duration.ofSeconds(intervalSeconds);
    DemoCorrelation rules = new DemoCorrelation(interval);
    ChaosSettings chaosSettings = noChaos ? null : chaosSettings(rules);
    System.out.printf("telemetry demo: %d simulated devices x %d interfaces, polled every %ds; log: %s%n",
        devices, interfaces, intervalSeconds, log);
    boolean embeddedInflux = influxUrl == null && EmbeddedInflux.installed();
    System.out.println(embeddedInflux
        ? "starting the embedded Kafka broker, InfluxDB and the simulated fleet..."
        : "starting the embedded Kafka broker and the simulated fleet...");
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
        KafkaTail tail = new KafkaTail(stack.broker().bootstrapServers(), 4).start();
        InProcessCorrelation correlation = startCorrelation(stack, rules);
        EventFeed events = EventFeed.start(stack.broker().bootstrapServers(), correlation.eventTopics(),
            (record, event) -> System.out.println("event: " + EventLine.of(event)),
            problem -> System.out.println("event: " + problem));
        FleetChaos chaos = chaosSettings == null ? null : FleetChaos.start(stack.fleet(), chaosSettings,
            incident -> System.out.println("chaos: " + incident.description()))) {
      System.out.printf("broker at %s, %d devices from %s:%d; Ctrl-C to stop%n", stack.broker().bootstrapServers(),
          devices, stack.fleet().devices().get(0).host(), stack.fleet().devices().get(0).port());
      printInfluxHowTo(stack);
      printCorrelation(rules, correlation, chaosSettings);
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
      System.out.println("stopping: chaos, correlation (committing), the pipeline, sessions, the broker...");
    } finally {
      stopped.countDown();
    }
    System.out.println("stopped.");
    return 0;
  }

  /** The rules beside the node, in an actor system of their own; events go to telemetry.events.RULE. */
  private static InProcessCorrelation startCorrelation(LocalStack stack, DemoCorrelation rules) {
    String servers = stack.broker().bootstrapServers();
    return InProcessCorrelation.start(stack.broker(),
        TelemetryConfig.load(Optional.empty(), rules.config(servers)), DemoCorrelation.RULES);
  }

  private static void printCorrelation(DemoCorrelation rules, InProcessCorrelation correlation,
      ChaosSettings chaos) {
    System.out.println("correlation rules (events in " + String.join(", ", correlation.eventTopics())
        + ", printed as 'event:' lines):");
    rules.describe().forEach(line -> System.out.println("  " + line));
    System.out.println("  (" + DemoCorrelation.NOT_RUN + ")");
    System.out.println(chaos == null ? "chaos: off (--no-chaos)"
        : "chaos: an incident every " + DemoCorrelation.human(chaos.period()) + " ("
            + chaos.kinds().stream().sorted().map(ChaosKind::label).toList() + "), printed as 'chaos:' lines");
  }

  private ChaosSettings chaosSettings(DemoCorrelation rules) {
    Set<ChaosKind> kinds = EnumSet.noneOf(ChaosKind.class);
    try {
      chaosKinds.forEach(name -> kinds.add(ChaosKind.parse(name)));
      return rules.chaos(duration("--chaos-period", chaosPeriod)).withKinds(kinds);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private Duration duration(String option, String text) {
    try {
      return ConfigFactory.parseString("d = \"" + text + "\"").getDuration("d");
    } catch (com.typesafe.config.ConfigException e) {
      throw new ParameterException(spec.commandLine(), option + ": '" + text + "' is not a duration such as 20s or 1m", e);
    }
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
