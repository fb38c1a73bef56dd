package io.telemetry.host.bench;

import io.telemetry.host.process.ChildFiles;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.broker.BrokerChildMain;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.host.bench.influx.InfluxdPid;
import io.telemetry.host.demo.FleetTargets;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.host.demo.ProgressLine;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.host.inventory.OverlayDir;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PipelineMetrics.DeviceCounts;
import io.telemetry.sink.influx.InfluxSampleSink;
import io.telemetry.sink.influx.InfluxSinkSettings;
import io.telemetry.sink.kafka.FamilyTopics;
import io.telemetry.sink.kafka.KafkaSampleSink;
import io.telemetry.simulate.FleetSpec;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run: the embedded broker and the simulator as child JVMs, the node in this JVM
 * (with {@code --influx}, also an embedded influxd the node writes to); the node runs for the
 * warm-up and then the steady state, with snapshots at its start, at the end of the warm-up and at
 * the end; then everything stops and the figures are computed.
 */
public final class BenchRun {

  private static final Logger log = LoggerFactory.getLogger(BenchRun.class);
  /** The database the node writes to in the embedded InfluxDB. */
  static final String INFLUX_DATABASE = "telemetry";
  /** The node's telemetry.inventory.overlay-dir, in the work folder. */
  static final String OVERLAY_DIR = "inventory-overlay";

  private final BenchSettings settings;
  private final String command;
  private final PrintStream out;

  public BenchRun(BenchSettings settings, String command, PrintStream out) {
    this.settings = settings;
    this.command = command;
    this.out = out;
  }

  public BenchFigures run() throws InterruptedException {
    Path workDir = settings.workDir().toAbsolutePath();
    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Path kafkaDir = workDir.resolve("kafka");
    ChildFiles.deleteRecursively(kafkaDir, "bench"); // every run starts with empty topics
    OverlayDir.clear(workDir.resolve(OVERLAY_DIR)); // and no run-time target changes
    Path influxDir = workDir.resolve("influxdb");
    if (settings.influx()) {
      ChildFiles.deleteRecursively(influxDir, "bench"); // and an empty database
      out.println("  InfluxDB: starting (data in " + influxDir + ")...");
    }
    // A null resource is skipped: without --influx there is no InfluxDB.
    try (EmbeddedInflux influx = settings.influx()
            ? started(EmbeddedInflux.builder().dataDir(influxDir).database(INFLUX_DATABASE).build().start()) : null;
        EmbeddedKafka broker = started(EmbeddedKafka.builder().dataDir(kafkaDir).build())) {
      out.printf("  simulator: starting %d devices x %d interfaces in its own JVM...%n",
          settings.devices(), settings.interfaces());
      Duration readyTimeout = Duration.ofSeconds(60).plusMillis(100L * settings.devices());
      try (SimulatorProcess simulator = SimulatorProcess.start(workDir.resolve("simulator"), settings.devices(),
              settings.interfaces(), settings.interval(), settings.simulatorJvmOptions(), simulateOptions(),
              readyTimeout);
          HeapWatch heap = new HeapWatch()) {
        out.printf("  simulator: %d devices listening (pid %d, log %s)%n", settings.devices(), simulator.pid(),
            simulator.logFile());
        long brokerPid = brokerPid();
        heap.start();
        OptionalLong baseline = heap.liveAfterFullGc();
        heap.startRun();
        return measure(startedAt, broker, brokerPid, influx, simulator, heap, baseline);
      }
    }
  }

  /** With --correlation, chaos on the fleet of the kinds the measured rules look for. */
  private List<String> simulateOptions() {
    if (!settings.correlation()) {
      return List.of();
    }
    return List.of("--chaos", "--chaos-period", settings.chaosPeriod().toMillis() + "ms",
        "--chaos-kinds", "flap,link-failure");
  }

  private BenchFigures measure(String startedAt, EmbeddedKafka broker, long brokerPid, EmbeddedInflux influx,
      SimulatorProcess simulator, HeapWatch heap, OptionalLong baseline) throws InterruptedException {
    Config config = nodeConfig(broker, influx, simulator);
    createTopics(broker, config);
    List<BenchFigures.SinkSetup> sinks = sinkSetups(config);
    BenchCorrelation correlation = null;
    if (settings.correlation()) {
      out.println("  correlation: starting rule instances " + BenchCorrelation.RULES + " (in this JVM)...");
      correlation = BenchCorrelation.start(broker, config);
      out.println("  correlation: started");
    }
    TelemetryNode node;
    try {
      out.printf("  node: starting (%d targets)...%n", settings.devices());
      node = TelemetryNode.start(config);
    } catch (RuntimeException e) {
      if (correlation != null) {
        correlation.close();
      }
      throw e;
    }
    try {
      PipelineMetrics metrics = node.metrics();
      Cpus cpus = new Cpus(simulator.pid(), brokerPid, influx == null ? -1 : influxdPid());
      SinkDepthWatch depths = new SinkDepthWatch();
      BenchSnapshot start = snapshot(metrics, cpus);
      out.printf("  node: started, %d targets; warm-up %ds, then %ds of steady state%n",
          node.targets().size(), settings.warmup().toSeconds(), settings.steadyState().toSeconds());
      ProgressLine progress = new ProgressLine(metrics, node.pipeline(), settings.devices(), settings.interval());
      long warmAt = start.nanos() + settings.warmup().toNanos();
      long endAt = start.nanos() + settings.duration().toNanos();
      long nextProgress = start.nanos() + settings.progressEvery().toNanos();
      BenchSnapshot warm = null;
      BenchCorrelation.Snapshot correlationWarm = null;
      Double everyDevicePolled = null;
      while (System.nanoTime() < endAt) {
        Thread.sleep(Math.max(1, Math.min(1_000, (endAt - System.nanoTime()) / 1_000_000)));
        long now = System.nanoTime();
        if (!simulator.isAlive()) {
          throw new IllegalStateException("bench: the simulator exited during the run; end of "
              + simulator.logFile() + ":\n" + simulator.outputTail());
        }
        if (warm == null && now >= warmAt) {
          warm = snapshot(metrics, cpus);
          heap.startWindow();
          depths.startWindow();
          if (correlation != null) {
            correlationWarm = correlation.snapshot();
            correlation.startWindow();
          }
          out.println("warm-up over: measuring the steady state");
        }
        depths.sample(metrics.sinks());
        if (everyDevicePolled == null && allPolled(metrics)) {
          everyDevicePolled = (now - start.nanos()) / 1e9;
        }
        if (now >= nextProgress) {
          out.println((warm == null ? "warm-up " : "steady  ") + progress.next());
          if (influx != null) {
            out.println("        " + progress.sinks());
          }
          if (correlation != null) {
            out.println("        " + correlationProgress(correlation));
          }
          nextProgress += settings.progressEvery().toNanos();
        }
      }
      if (warm == null) {
        warm = snapshot(metrics, cpus);
        heap.startWindow();
        depths.startWindow();
      }
      depths.sample(metrics.sinks());
      BenchSnapshot end = snapshot(metrics, cpus);
      List<BenchFigures.CorrelationRule> correlationFigures = List.of();
      if (correlation != null) {
        correlation.endWindow();
        BenchCorrelation.Snapshot correlationEnd = correlation.snapshot();
        Map<String, Long> lag = correlation.lag();
        correlation.close(); // stops the event feed: its histograms are complete
        correlationFigures = correlation.figures(correlationWarm == null ? correlationEnd : correlationWarm,
            correlationEnd, lag);
      }
      HeapWatch.Reading runHeap = heap.run();
      HeapWatch.Reading steadyHeap = heap.window();
      OptionalLong live = heap.liveAfterFullGc();
      BenchFigures.Heap heapFigures = BenchFigures.Heap.of(Runtime.getRuntime().maxMemory(), runHeap, steadyHeap,
          baseline, live, settings.devices());
      String jvmOptions = String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
      BenchFigures figures = BenchFigures.compute(new BenchFigures.Inputs(settings, startedAt, command, jvmOptions,
          Runtime.getRuntime().availableProcessors(), everyDevicePolled, heapFigures, sinks, depths.windowMax(),
          depths.runMax()), start, warm, end);
      return settings.correlation()
          ? figures.withCorrelation(correlationFigures, List.of("interface-flap")) : figures;
    } finally {
      out.println("stopping: " + (correlation != null ? "correlation, " : "") + "node, simulator, broker...");
      if (correlation != null) {
        correlation.close();
      }
      node.close();
    }
  }

  private Config nodeConfig(EmbeddedKafka broker, EmbeddedInflux influx, SimulatorProcess simulator) {
    Config overrides = nodeSettings(broker.bootstrapServers(), simulator.knownHostsFile(),
        influx == null ? Optional.empty() : Optional.of(influx.url().toString()),
        ConfigFactory.parseFile(simulator.targetsFile().toFile()), overlayDir(settings));
    return TelemetryConfig.load(settings.nodeConfig(), overrides);
  }

  /**
   * The settings the bench gives its node on top of {@code --config}, with placeholders for what
   * is known only once the broker, InfluxDB and the simulator run (their addresses, the devices'
   * ports): what {@code telemetry bench} checks before it starts anything.
   */
  public static Config plannedNodeSettings(BenchSettings settings) {
    FleetSpec fleet = FleetSpec.of(settings.devices()).withInterfaces(settings.interfaces());
    return nodeSettings(LocalStack.PLACEHOLDER_BOOTSTRAP,
        settings.workDir().toAbsolutePath().resolve("simulator").resolve("known_hosts"),
        settings.influx() ? Optional.of("http://127.0.0.1:8086") : Optional.empty(),
        FleetTargets.planned(fleet, settings.interval(), SIMULATOR_TARGET_TIMEOUT), overlayDir(settings));
  }

  private static Path overlayDir(BenchSettings settings) {
    return settings.workDir().toAbsolutePath().resolve(OVERLAY_DIR);
  }

  /** The timeout the simulator writes into its targets file ({@code telemetry simulate}). */
  private static final Duration SIMULATOR_TARGET_TIMEOUT = Duration.ofSeconds(20);

  private static Config nodeSettings(String bootstrap, Path knownHosts, Optional<String> influxUrl, Config targets,
      Path overlayDir) {
    Map<String, Object> stack = new HashMap<>();
    stack.put("telemetry.node-id", "bench-node");
    stack.put("telemetry.kafka.bootstrap-servers", bootstrap);
    influxUrl.ifPresent(url -> {
      // The sink's other settings (batch-points, parallelism, ...) come from --config or the defaults.
      stack.put("telemetry.influx.enabled", true);
      stack.put("telemetry.influx.url", url);
      stack.put("telemetry.influx.dialect", "v1");
      stack.put("telemetry.influx.database", INFLUX_DATABASE);
    });
    stack.put("telemetry.ssh.known-hosts", knownHosts.toString());
    stack.put("pekko.remote.artery.canonical.port", 0);
    stack.put("telemetry.management.port", 0); // any free port: never collides with a running node
    // The bench's folder, never the default /var/lib/telemetry (nor a running node's folder).
    stack.put("telemetry.inventory.overlay-dir", overlayDir.toString());
    return ConfigFactory.parseMap(stack).withFallback(targets);
  }

  private EmbeddedInflux started(EmbeddedInflux influx) {
    out.println("  InfluxDB: started at " + influx.url() + ", database " + INFLUX_DATABASE);
    return influx;
  }

  private EmbeddedKafka started(EmbeddedKafka broker) {
    out.println("  Kafka broker: starting...");
    EmbeddedKafka running = broker.start();
    out.println("  Kafka broker: started at " + running.bootstrapServers());
    return running;
  }

  /**
   * Creates the topics the Junos collector writes to before the node starts, as a deployment
   * would, so that the warm-up does not include Kafka auto-creating them on the first records.
   */
  private static void createTopics(EmbeddedKafka broker, Config config) {
    FamilyTopics topics = FamilyTopics.of(config.getString("telemetry.kafka.topic-pattern"),
        "telemetry.kafka.topic-pattern");
    broker.createTopics(JunosNetconfCollectorFactory.FAMILIES.stream().map(topics::topicFor).toArray(String[]::new));
  }

  /** The node's sinks as NodeSinks builds them from the same config: Kafka (primary), then InfluxDB if on. */
  private static List<BenchFigures.SinkSetup> sinkSetups(Config config) {
    List<BenchFigures.SinkSetup> sinks = new ArrayList<>();
    sinks.add(new BenchFigures.SinkSetup(KafkaSampleSink.NAME, true, config.getInt("telemetry.kafka.buffer-batches"),
        null));
    Config influx = config.getConfig("telemetry.influx");
    if (InfluxSinkSettings.enabled(influx)) {
      InfluxSinkSettings s = InfluxSinkSettings.fromConfig(influx);
      sinks.add(new BenchFigures.SinkSetup(InfluxSampleSink.NAME, false, s.bufferBatches(),
          new BenchFigures.InfluxSettings(s.dialect().spelling(), s.batchPoints(), s.parallelism(),
              s.batchInterval().toMillis(), s.gzip(),
              s.overflow().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))));
    }
    return List.copyOf(sinks);
  }

  private static long influxdPid() {
    return InfluxdPid.find().orElseGet(() -> {
      log.warn("bench: cannot find influxd's process; its CPU time is not reported");
      return -1;
    });
  }

  private static String correlationProgress(BenchCorrelation correlation) {
    StringBuilder line = new StringBuilder("correlation:");
    correlation.snapshot().metrics().forEach((rule, m) -> line.append(String.format(java.util.Locale.ROOT,
        " %s consumed %,d evaluated %,d raised %d cleared %d late %d;", rule, m.consumed(), m.evaluated(),
        m.raised(), m.cleared(), m.lateTotal())));
    return line.toString();
  }

  private boolean allPolled(PipelineMetrics metrics) {
    Map<String, DeviceCounts> byDevice = metrics.byDevice();
    return byDevice.size() >= settings.devices()
        && byDevice.values().stream().filter(c -> c.polls() > 0).count() >= settings.devices();
  }

  private static BenchSnapshot snapshot(PipelineMetrics metrics, Cpus cpus) {
    Map<String, Long> polls = new HashMap<>();
    metrics.byDevice().forEach((id, counts) -> polls.put(id, counts.polls()));
    return new BenchSnapshot(System.nanoTime(), metrics.total(), metrics.pollMicrosSnapshot(), polls, cpus.now(),
        metrics.sinks());
  }

  /** The CPU clocks of the processes (influxd: pid -1 when none) and of the machine. */
  private record Cpus(long simulatorPid, long brokerPid, long influxdPid) {
    BenchSnapshot.Cpu now() {
      return new BenchSnapshot.Cpu(CpuClock.thisProcessSeconds(), CpuClock.processSeconds(simulatorPid),
          brokerPid < 0 ? OptionalDouble.empty() : CpuClock.processSeconds(brokerPid),
          influxdPid < 0 ? OptionalDouble.empty() : CpuClock.processSeconds(influxdPid),
          CpuClock.machineBusySeconds());
    }
  }

  /** The broker child: EmbeddedKafka does not expose its process, so it is found among our children. */
  private static long brokerPid() {
    return ProcessHandle.current().children()
        .filter(p -> p.info().commandLine().map(c -> c.contains(BrokerChildMain.class.getName())).orElse(false))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElseGet(() -> {
          log.warn("bench: cannot find the broker's process; its CPU time is not reported");
          return -1;
        });
  }
}
