package io.telemetry.it.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.device.DeviceActor;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.CapturedLogs;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.TopicReader;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.simulate.DeviceFaults;
import io.telemetry.simulate.FleetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One device replies with garbage and one is configured with a wrong password: each gets a clear
 * error naming it, while the other 18 keep delivering.
 */
class FaultIsolationIT {

  private static final String GARBAGE = "sim-0001";
  private static final String WRONG_PASSWORD = "sim-0002";

  @TempDir
  Path workDir;

  @Test
  void badDevicesAreReportedByNameAndTheRestKeepDelivering() throws Exception {
    try (LocalStack stack = LocalStack.startWithoutNode(workDir, FleetSpec.of(20).withInterfaces(2));
        CapturedLogs logs = new CapturedLogs(DeviceActor.class)) {
      stack.fleet().device(GARBAGE).faults().malformedReplies(DeviceFaults.MalformedReply.NOT_XML);
      List<Target> targets = stack.fleet().targets(Duration.ofSeconds(1), Duration.ofSeconds(5)).stream()
          .map(t -> t.id().equals(WRONG_PASSWORD) ? withPassword(t, "not-the-password") : t)
          .toList();
      stack.startNode(targets, ConfigFactory.parseString(
          "telemetry.device.reconnect-backoff-min = 200ms, telemetry.device.reconnect-backoff-max = 1s"));

      Set<String> healthy = targets.stream().map(Target::id)
          .filter(id -> !id.equals(GARBAGE) && !id.equals(WRONG_PASSWORD)).collect(Collectors.toSet());
      // Healthy devices deliver several polls each (3 polls x 4 interface series).
      List<Decoded> records = DecodedRecords.decode(TopicReader.readUntil(stack.broker().bootstrapServers(),
          List.of("telemetry.metrics.interface"),
          rs -> countsByDevice(DecodedRecords.decode(rs)).entrySet().stream()
              .filter(e -> e.getValue() >= 12).map(Map.Entry::getKey).collect(Collectors.toSet()).containsAll(healthy),
          Duration.ofSeconds(60)));
      Map<String, Long> counts = countsByDevice(records);
      assertEquals(healthy, counts.keySet(), "only the healthy devices deliver");

      // Each bad device keeps failing (retrying) and says why, naming itself.
      PipelineMetrics metrics = stack.node().metrics();
      Await.until("errors counted for both bad devices", Duration.ofSeconds(20),
          () -> metrics.device(GARBAGE, false).errors() >= 2 && metrics.device(WRONG_PASSWORD, false).errors() >= 2);
      assertTrue(logs.messages().stream().anyMatch(m -> m.startsWith("device " + GARBAGE + ":")
              && m.contains("get-interface-information")),
          "the garbage device's error names it and the request: " + logs.messages());
      assertTrue(logs.messages().stream().anyMatch(m -> m.startsWith("device " + WRONG_PASSWORD + ":")
              && m.toLowerCase().contains("authentication")),
          "the wrong password's error names the device: " + logs.messages());
      assertTrue(status(stack, GARBAGE).lastError().orElse("").contains("get-interface-information"));
      assertTrue(status(stack, WRONG_PASSWORD).lastError().orElse("").toLowerCase().contains("authentication"));
      for (String id : healthy) {
        assertEquals(0, metrics.device(id, false).errors(), id + " is unaffected");
      }
    }
  }

  private static Map<String, Long> countsByDevice(List<Decoded> records) {
    return records.stream().collect(Collectors.groupingBy(Decoded::key, Collectors.counting()));
  }

  private static Target withPassword(Target t, String password) {
    return t.withCredentials(Credentials.password(t.credentials().username(), password));
  }

  private static DeviceActor.DeviceStatus status(LocalStack stack, String id) throws Exception {
    return AskPattern.<ShardingEnvelope<DeviceActor.Command>, DeviceActor.DeviceStatus>ask(
            stack.node().devices(),
            replyTo -> new ShardingEnvelope<>(id, new DeviceActor.GetStatus(replyTo)),
            Duration.ofSeconds(5), stack.node().system().scheduler())
        .toCompletableFuture().get();
  }
}
