package io.telemetry.host.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.broker.BrokerChildMain;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.host.demo.ProgressLine;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PipelineMetrics.DeviceCounts;
import io.telemetry.sink.kafka.FamilyTopics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run: the embedded broker and the simulator as child JVMs, the node in this JVM;
 * the node runs for the warm-up and then the steady state, with snapshots at its start, at the end
 * of the warm-up and at the end; then everything stops and the figures are computed.
 */
public final class BenchRun {

  private static final Logger log = LoggerFactory.getLogger(BenchRun.class);

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
    deleteRecursively(kafkaDir); // every run starts with empty topics
    out.println("starting the embedded Kafka broker...");
    try (EmbeddedKafka broker = EmbeddedKafka.builder().dataDir(kafkaDir).build().start()) {
      out.printf("starting the simulator (%d devices x %d interfaces) in its own JVM...%n",
          settings.devices(), settings.interfaces());
      Duration readyTimeout = Duration.ofSeconds(60).plusMillis(100L * settings.devices());
      try (SimulatorProcess simulator = SimulatorProcess.start(workDir.resolve("simulator"), settings.devices(),
              settings.interfaces(), settings.interval(), settings.simulatorJvmOptions(), readyTimeout);
          HeapWatch heap = new HeapWatch()) {
        long brokerPid = brokerPid();
        heap.start();
        OptionalLong baseline = heap.liveAfterFullGc();
        heap.startRun();
        return measure(startedAt, broker, brokerPid, simulator, heap, baseline);
      }
    }
  }

  private BenchFigures measure(String startedAt, EmbeddedKafka broker, long brokerPid, SimulatorProcess simulator,
      HeapWatch heap, OptionalLong baseline) throws InterruptedException {
    Config config = nodeConfig(broker, simulator);
    createTopics(broker, config);
    TelemetryNode node = TelemetryNode.start(config);
    try {
      PipelineMetrics metrics = node.metrics();
      Cpus cpus = new Cpus(simulator.pid(), brokerPid);
      BenchSnapshot start = snapshot(metrics, cpus);
      out.printf("node started: %d targets; warm-up %ds, then %ds of steady state%n",
          node.targets().size(), settings.warmup().toSeconds(), settings.steadyState().toSeconds());
      ProgressLine progress = new ProgressLine(metrics, node.pipeline(), settings.devices(), settings.interval());
      long warmAt = start.nanos() + settings.warmup().toNanos();
      long endAt = start.nanos() + settings.duration().toNanos();
      long nextProgress = start.nanos() + settings.progressEvery().toNanos();
      BenchSnapshot warm = null;
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
          out.println("warm-up over: measuring the steady state");
        }
        if (everyDevicePolled == null && allPolled(metrics)) {
          everyDevicePolled = (now - start.nanos()) / 1e9;
        }
        if (now >= nextProgress) {
          out.println((warm == null ? "warm-up " : "steady  ") + progress.next());
          nextProgress += settings.progressEvery().toNanos();
        }
      }
      if (warm == null) {
        warm = snapshot(metrics, cpus);
        heap.startWindow();
      }
      BenchSnapshot end = snapshot(metrics, cpus);
      HeapWatch.Reading runHeap = heap.run();
      HeapWatch.Reading steadyHeap = heap.window();
      OptionalLong live = heap.liveAfterFullGc();
      BenchFigures.Heap heapFigures = BenchFigures.Heap.of(Runtime.getRuntime().maxMemory(), runHeap, steadyHeap,
          baseline, live, settings.devices());
      String jvmOptions = String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
      return BenchFigures.compute(new BenchFigures.Inputs(settings, startedAt, command, jvmOptions,
          Runtime.getRuntime().availableProcessors(), everyDevicePolled, heapFigures), start, warm, end);
    } finally {
      out.println("stopping: node, simulator, broker...");
      node.close();
    }
  }

  private Config nodeConfig(EmbeddedKafka broker, SimulatorProcess simulator) {
    Map<String, Object> stack = new HashMap<>();
    stack.put("telemetry.node-id", "bench-node");
    stack.put("telemetry.kafka.bootstrap-servers", broker.bootstrapServers());
    stack.put("telemetry.ssh.known-hosts", simulator.knownHostsFile().toString());
    stack.put("pekko.remote.artery.canonical.port", 0);
    Config overrides = ConfigFactory.parseMap(stack)
        .withFallback(ConfigFactory.parseFile(simulator.targetsFile().toFile()));
    return TelemetryConfig.load(settings.nodeConfig(), overrides);
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

  private boolean allPolled(PipelineMetrics metrics) {
    Map<String, DeviceCounts> byDevice = metrics.byDevice();
    return byDevice.size() >= settings.devices()
        && byDevice.values().stream().filter(c -> c.polls() > 0).count() >= settings.devices();
  }

  private static BenchSnapshot snapshot(PipelineMetrics metrics, Cpus cpus) {
    Map<String, Long> polls = new HashMap<>();
    metrics.byDevice().forEach((id, counts) -> polls.put(id, counts.polls()));
    return new BenchSnapshot(System.nanoTime(), metrics.total(), metrics.pollMicrosSnapshot(), polls, cpus.now());
  }

  /** The CPU clocks of the three processes and of the machine. */
  private record Cpus(long simulatorPid, long brokerPid) {
    BenchSnapshot.Cpu now() {
      return new BenchSnapshot.Cpu(CpuClock.thisProcessSeconds(), CpuClock.processSeconds(simulatorPid),
          brokerPid < 0 ? OptionalDouble.empty() : CpuClock.processSeconds(brokerPid), CpuClock.machineBusySeconds());
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

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("bench: cannot delete the previous run's broker data " + folder, e);
    }
  }
}
