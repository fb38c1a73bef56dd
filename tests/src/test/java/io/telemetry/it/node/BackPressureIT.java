package io.telemetry.it.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.inventory.Target;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.TopicReader;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PipelineMetrics.DeviceCounts;
import io.telemetry.simulate.FleetSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops mid-run: the pipeline fills up, polls are deferred and counted, memory stays
 * bounded, and once the broker is back delivery resumes on its own with nothing acknowledged lost
 * and nothing polled dropped.
 */
class BackPressureIT {

  private static final int DEVICES = 20;
  private static final int ENTRY_CAPACITY = 8;
  private static final int KAFKA_PARALLELISM = 2;
  private static final int KAFKA_BUFFER = 4;

  @TempDir
  Path workDir;

  @Test
  void brokerOutageDefersPollsWithoutLoss() throws Exception {
    try (LocalStack stack = LocalStack.startWithoutNode(workDir, FleetSpec.of(DEVICES).withInterfaces(4))) {
      stack.startNode(interfacesAndRouteEngines(stack.fleet().targets(Duration.ofMillis(500), Duration.ofSeconds(10))),
          ConfigFactory.parseString(
              "telemetry.pipeline.entry-capacity = " + ENTRY_CAPACITY + "\n"
                  + "telemetry.pipeline.kafka-parallelism = " + KAFKA_PARALLELISM + "\n"
                  + "telemetry.kafka.buffer-batches = " + KAFKA_BUFFER + "\n"
                  + "telemetry.device.deferral-retry = 100ms\n"));
      PipelineMetrics metrics = stack.node().metrics();
      Await.until("steady delivery", Duration.ofSeconds(60), () -> metrics.total().deliveredSamples() > DEVICES * 8 * 4);
      long heapBefore = usedHeapAfterGc();

      stack.broker().kill();
      DeviceCounts atOutage = metrics.total();
      Await.until("polls deferred while the broker is down", Duration.ofSeconds(30),
          () -> metrics.total().deferrals() - atOutage.deferrals() >= DEVICES * 3, () -> metrics.total().toString());
      // Hold the outage a while longer: whatever the node holds must stay bounded.
      // 4 interfaces, each with a logical unit, one route engine, and the collector's status of its 2 requests
      long samplesPerPoll = 4 * 2 + 1 + 2;
      long bound = (ENTRY_CAPACITY + KAFKA_BUFFER + KAFKA_PARALLELISM + 2) * samplesPerPoll;
      for (int i = 0; i < 10; i++) {
        Thread.sleep(500);
        DeviceCounts now = metrics.total();
        // Handed to the pipeline but not yet acknowledged: the entry, the sink's buffer and the
        // batches in flight.
        long held = now.polledSamples() - now.deliveredSamples() - now.failedSamples();
        assertTrue(held <= bound, "the node holds " + held + " undelivered samples, more than " + bound);
        assertTrue(now.polls() - atOutage.polls() <= ENTRY_CAPACITY + KAFKA_BUFFER + KAFKA_PARALLELISM + DEVICES * 2,
            "polling stops while nothing can be delivered: " + (now.polls() - atOutage.polls()) + " polls during the outage");
      }
      long heapDuring = usedHeapAfterGc();
      assertTrue(heapDuring < heapBefore + 64L * 1024 * 1024,
          "heap grew from " + heapBefore / 1_048_576 + " MiB to " + heapDuring / 1_048_576 + " MiB during the outage");

      long deliveredBeforeRestart = metrics.total().deliveredSamples();
      stack.broker().start();
      Await.until("delivery resumes by itself", Duration.ofSeconds(60),
          () -> metrics.total().deliveredSamples() > deliveredBeforeRestart + DEVICES * 8 * 4);

      // Let the node catch up with the backlog of the outage, then stop it: it drains what it
      // holds. Then Kafka must hold exactly what was polled.
      Await.until("the backlog delivered", Duration.ofSeconds(60), () -> {
        DeviceCounts now = metrics.total();
        return stack.node().pipeline().depth() == 0 && now.polledSamples() == now.deliveredSamples();
      });
      stack.node().close();
      DeviceCounts end = metrics.total();
      assertEquals(0, end.failedSamples(), "no sample failed: the outage was ridden out");
      assertEquals(end.polledSamples(), end.deliveredSamples(), "every polled sample was acknowledged");
      Map<String, DeviceCounts> perDevice = metrics.byDevice();
      List<Decoded> records = DecodedRecords.decode(TopicReader.readUntil(stack.broker().bootstrapServers(),
          List.of("telemetry.metrics.interface", "telemetry.metrics.route_engine", "telemetry.metrics.collector_request"),
          rs -> rs.size() >= end.deliveredSamples(), Duration.ofSeconds(60)));
      assertEquals(end.deliveredSamples(), records.size(), "Kafka holds every acknowledged sample exactly once");
      Map<String, Long> inKafka = records.stream().collect(Collectors.groupingBy(Decoded::key, Collectors.counting()));
      perDevice.forEach((device, counts) ->
          assertEquals(counts.deliveredSamples(), inKafka.getOrDefault(device, 0L), device + " in Kafka"));
      Set<String> seen = new HashSet<>();
      for (Decoded r : records) {
        String identity = r.key() + r.sample().tags() + r.sample().timeUnixNano();
        assertTrue(seen.add(identity), "duplicate record " + identity);
      }
    }
  }

  /** The junos-netconf collector limited to interfaces and route engines: a fixed number of samples per poll. */
  private static List<Target> interfacesAndRouteEngines(List<Target> targets) {
    return targets.stream().map(t -> new Target(t.id(), t.host(), t.port(), t.credentials(),
        List.of(new CollectorSpec("junos-netconf", t.collectors().get(0).interval(),
            ConfigFactory.parseString("rpcs = [interfaces, route-engine]"), "collectors[0]")),
        t.timeout(), t.labels())).toList();
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
