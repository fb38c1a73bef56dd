package io.telemetry.host.cli;

import com.typesafe.config.ConfigFactory;
import io.telemetry.host.demo.KafkaTail;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.host.demo.ProgressLine;
import io.telemetry.simulate.FleetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code telemetry demo}: the embedded broker, a simulated fleet and one node, with live progress
 * and a tail of the records arriving in Kafka. Ctrl-C stops everything cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Embedded Kafka + simulated Junos fleet + one node, with live progress.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--devices", defaultValue = "30", description = "Simulated devices (default ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--interfaces", defaultValue = "16", description = "Interfaces per device (default ${DEFAULT-VALUE}).")
  int interfaces;

  @Option(names = "--interval", defaultValue = "5", description = "Poll interval in seconds (default ${DEFAULT-VALUE}).")
  int intervalSeconds;

  @Option(names = "--duration", description = "Stop by itself after this many seconds (default: run until Ctrl-C).")
  Integer durationSeconds;

  @Option(names = "--work-dir", defaultValue = ".telemetry/demo",
      description = "Broker data, known_hosts and the log file (default ${DEFAULT-VALUE}).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    Path log = workDir.resolve("telemetry.log").toAbsolutePath();
    java.nio.file.Files.createDirectories(workDir);
    LogFile.redirectTo(log);
    Duration interval = Duration.ofSeconds(intervalSeconds);
    System.out.printf("telemetry demo: %d simulated devices x %d interfaces, polled every %ds; log: %s%n",
        devices, interfaces, intervalSeconds, log);
    System.out.println("starting the embedded Kafka broker and the simulated fleet...");
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
    try (LocalStack stack = LocalStack.start(workDir, FleetSpec.of(devices).withInterfaces(interfaces), interval,
            ConfigFactory.empty());
        KafkaTail tail = new KafkaTail(stack.broker().bootstrapServers(), 4).start()) {
      System.out.printf("broker at %s, %d devices from %s:%d; Ctrl-C to stop%n", stack.broker().bootstrapServers(),
          devices, stack.fleet().devices().get(0).host(), stack.fleet().devices().get(0).port());
      ProgressLine progress = new ProgressLine(stack.node().metrics(), stack.node().pipeline(), devices, interval);
      long deadline = durationSeconds == null ? Long.MAX_VALUE : System.nanoTime() + durationSeconds * 1_000_000_000L;
      int tick = 0;
      while (!stop.await(2, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
        System.out.println(progress.next());
        if (++tick % 5 == 0) {
          tail.lastRecords().forEach(r -> System.out.println("    kafka: " + r));
        }
      }
      System.out.println(progress.next());
      System.out.println("stopping: draining the pipeline, closing sessions, stopping the broker...");
    } finally {
      stopped.countDown();
    }
    System.out.println("stopped.");
    return 0;
  }
}
