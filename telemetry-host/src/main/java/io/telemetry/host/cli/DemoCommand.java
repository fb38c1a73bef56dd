package io.telemetry.host.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.telemetry.host.demo.DemoCorrelation;
import io.telemetry.host.config.ConfigCheck;
import io.telemetry.host.demo.EventFeed;
import io.telemetry.host.demo.FirstDeliveries;
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
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Option(names = "--duration", description = "Stop by itself this many seconds after start-up (default: run until Ctrl-C).")
  Integer durationSeconds;

  @Option(names = "--work-dir", defaultValue = ".telemetry/demo",
      description = "Broker and InfluxDB data, known_hosts and the log file (default ${DEFAULT-VALUE}); the broker's"
          + " topics start empty every run, InfluxDB keeps its data.")
  Path workDir;

  @Option(names = "--influx-url",
      description = "Write to this InfluxDB 1.x server (telemetry.influx.url, database " + INFLUX_DATABASE
          + ") instead of an embedded one.")
  URI influxUrl;

  @Option(names = "--no-chaos", description = "Leave the fleet alone: no flaps, link failures, BGP drops or spikes.")
  boolean noChaos;

  @Mixin
  ChaosOptions chaosOptions;

  @Spec
  CommandSpec spec;

  /** Where the demo prints: the command line's standard output. */
  private PrintWriter out;

  /** Counted down by Ctrl-C (the shutdown hook) or {@link #stop()}. */
  private final CountDownLatch stop = new CountDownLatch(1);

  /** Stops a running demo as Ctrl-C does (for in-process runs, e.g. tests); {@link #call} then returns. */
  public void stop() {
    stop.countDown();
  }

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    Duration interval = Duration.ofSeconds(intervalSeconds);
    DemoCorrelation rules = new DemoCorrelation(interval);
    ChaosSettings chaosSettings = noChaos ? null : chaosSettings(rules);
    boolean embeddedInflux = influxUrl == null && EmbeddedInflux.installed();
    Optional<String> influxDatabase = embeddedInflux ? Optional.of(INFLUX_DATABASE) : Optional.empty();
    FleetSpec fleet = FleetSpec.of(devices).withInterfaces(interfaces);
    checkConfigs(fleet, interval, influxDatabase, rules); // before anything starts: exit 2 on a problem
    Path log = workDir.resolve("telemetry.log").toAbsolutePath();
    java.nio.file.Files.createDirectories(workDir);
    LogFile.redirectTo(log);
    out.printf("telemetry demo: %d simulated devices x %d interfaces, polled every %ds; log: %s%n",
        devices, interfaces, intervalSeconds, log);
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
    try (LocalStack stack = LocalStack.start(workDir, fleet, interval, externalInflux(), influxDatabase, this::step);
        KafkaTail tail = new KafkaTail(stack.broker().bootstrapServers(), 4).start();
        InProcessCorrelation correlation = startCorrelation(stack, rules);
        EventFeed events = EventFeed.start(stack.broker().bootstrapServers(), correlation.eventTopics(),
            (record, event) -> out.println("event: " + EventLine.of(event)),
            problem -> out.println("event: " + problem));
        FleetChaos chaos = chaosSettings == null ? null : FleetChaos.start(stack.fleet(), chaosSettings,
            incident -> out.println("chaos: " + incident.description()))) {
      out.printf("broker at %s, %d devices from %s:%d; Ctrl-C to stop%n", stack.broker().bootstrapServers(),
          devices, stack.fleet().devices().get(0).host(), stack.fleet().devices().get(0).port());
      printInfluxHowTo(stack);
      printCorrelation(rules, correlation, chaosSettings);
      new FirstDeliveries(stack.node().metrics(), devices, out::println)
          .await(stop, interval.multipliedBy(3).plusSeconds(30), Long.MAX_VALUE);
      // --duration counts from the end of start-up: the time the demo runs with its progress lines.
      long deadline = durationSeconds == null ? Long.MAX_VALUE : System.nanoTime() + durationSeconds * 1_000_000_000L;
      ProgressLine progress = new ProgressLine(stack.node().metrics(), stack.node().pipeline(), devices, interval);
      int tick = 0;
      while (!stop.await(2, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
        out.println(progress.next());
        out.println("        " + progress.sinks());
        if (++tick % 5 == 0) {
          tail.lastRecords().forEach(r -> out.println("    kafka: " + r));
          stack.influx().ifPresent(influx ->
              out.println("    influx: " + InfluxCounts.describe(influx, INFLUX_DATABASE)));
        }
      }
      out.println(progress.next());
      out.println("        " + progress.sinks());
      out.println("stopping: chaos, correlation (committing), the pipeline, sessions, the broker...");
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // Ctrl-C: the hook is running and waits for stopped.
      }
    }
    out.println("stopped.");
    out.flush();
    return 0;
  }

  /** One start-up step as it happens (LocalStack's and the demo's own). */
  private void step(String step) {
    out.println("  " + step);
    out.flush();
  }

  /**
   * The node config and the correlation config the demo builds, checked as {@code config check}
   * checks a file, with placeholders for what is known only once the broker and the fleet run; so
   * that a bad built-in default or option value stops the demo before anything starts (exit 2). The
   * files it names (known_hosts) are the stack's own, written as it starts: not checked.
   */
  private void checkConfigs(FleetSpec fleet, Duration interval, Optional<String> influxDatabase,
      DemoCorrelation rules) {
    ConfigCheck.Options builtFiles = new ConfigCheck.Options(false);
    ConfigCheck.requireValid(Optional.empty(),
        LocalStack.plannedNodeSettings(workDir, fleet, interval, externalInflux(), influxDatabase),
        "demo node config", builtFiles);
    ConfigCheck.requireValid(Optional.empty(), rules.config(LocalStack.PLACEHOLDER_BOOTSTRAP),
        "demo correlation config", builtFiles);
  }

  /** The rules beside the node, in an actor system of their own; events go to telemetry.events.RULE. */
  private InProcessCorrelation startCorrelation(LocalStack stack, DemoCorrelation rules) {
    String servers = stack.broker().bootstrapServers();
    step("correlation: starting " + String.join(", ", DemoCorrelation.RULES) + "...");
    InProcessCorrelation started = InProcessCorrelation.start(stack.broker(),
        TelemetryConfig.load(Optional.empty(), rules.config(servers)), DemoCorrelation.RULES);
    step("correlation: started");
    return started;
  }

  private void printCorrelation(DemoCorrelation rules, InProcessCorrelation correlation,
      ChaosSettings chaos) {
    out.println("correlation rules (events in " + String.join(", ", correlation.eventTopics())
        + ", printed as 'event:' lines):");
    rules.describe().forEach(line -> out.println("  " + line));
    out.println("  (" + DemoCorrelation.NOT_RUN + ")");
    out.println(chaos == null ? "chaos: off (--no-chaos)"
        : "chaos: an incident every " + DemoCorrelation.human(chaos.period()) + " ("
            + chaos.kinds().stream().sorted().map(ChaosKind::label).toList() + "), printed as 'chaos:' lines");
  }

  private ChaosSettings chaosSettings(DemoCorrelation rules) {
    Set<ChaosKind> kinds = chaosOptions.kinds(spec);
    try {
      return rules.chaos(chaosOptions.period(spec)).withKinds(kinds);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
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
      out.printf("InfluxDB at %s, database %s (data in %s); query it with%n", influx.url(), INFLUX_DATABASE,
          influx.dataDir());
      out.printf("  curl -sG %s/query --data-urlencode db=%s --data-urlencode 'q=%s'%n", influx.url(),
          INFLUX_DATABASE, EXAMPLE_QUERY);
      out.printf("  influx -port %d -database %s -execute '%s'   (the influx shell: apt-get install"
          + " influxdb-client)%n", port, INFLUX_DATABASE, EXAMPLE_QUERY);
    } else if (influxUrl != null) {
      out.printf("InfluxDB at %s, database %s (it must exist: CREATE DATABASE %s)%n", influxUrl,
          INFLUX_DATABASE, INFLUX_DATABASE);
    } else {
      out.println("InfluxDB: influxd is not installed, so samples go to Kafka only; to write to InfluxDB too,"
          + " run scripts/install-influxdb.sh (Debian's influxdb) or pass --influx-url http://HOST:8086"
          + " (telemetry.influx.url)");
    }
  }
}
