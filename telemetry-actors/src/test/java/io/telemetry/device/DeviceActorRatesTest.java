package io.telemetry.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.StaticTargets;
import io.telemetry.inventory.Target;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PollBatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A device continues its rates from readings taken by an earlier entity (another node's). */
class DeviceActorRatesTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Duration INTERVAL = Duration.ofMillis(100);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Keeps readings in a map; {@code restoreBlocked} makes restores wait forever. */
  static final class MapStore implements RateStore {
    final Map<String, DeviceRates> stored = new ConcurrentHashMap<>();
    volatile boolean restoreBlocked;

    @Override
    public void publish(String targetId, DeviceRates rates) {
      stored.put(targetId, rates);
    }

    @Override
    public CompletionStage<Optional<DeviceRates>> restore(String targetId) {
      return restoreBlocked ? new CompletableFuture<>() : CompletableFuture.completedFuture(
          Optional.ofNullable(stored.get(targetId)));
    }

    @Override
    public void forget(String targetId) {
      stored.remove(targetId);
    }
  }

  private static DeviceEnvironment env(String id, DeviceActorTest.FakeDevice device,
      DeviceActorTest.SwitchableEntry entry, RateStore store) {
    Target target = new Target(id, "127.0.0.1", 830, Credentials.password("u", "p"),
        List.of(CollectorSpec.of("fake", INTERVAL)), Duration.ofSeconds(5), Map.of());
    DeviceSettings settings = new DeviceSettings(Duration.ofMillis(50), Duration.ofMillis(200), 0.0,
        Duration.ofMillis(20), false, Duration.ofSeconds(10));
    return new DeviceEnvironment("test-node", new StaticTargets(List.of(target)),
        new CollectorRegistry(List.of(device)), entry, new PipelineMetrics(), Executors.newFixedThreadPool(2), settings,
        DeviceActorTest.NoSsh::new, store);
  }

  private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }

  private static double firstRate(PollBatch batch) {
    Double rate = batch.samples().get(0).rates().get("in_octets");
    if (rate == null) {
      throw new AssertionError("no in_octets rate in the first batch of the new entity: " + batch.samples().get(0));
    }
    return rate;
  }

  @Test
  void aRestartedDeviceContinuesFromThePublishedReadings() throws Exception {
    MapStore store = new MapStore();
    DeviceActorTest.FakeDevice device = new DeviceActorTest.FakeDevice();
    DeviceActorTest.SwitchableEntry before = new DeviceActorTest.SwitchableEntry();
    ActorRef<DeviceActor.Command> first = testKit.spawn(DeviceActor.create("moving", env("moving", device, before, store)));
    await("two polls on the first node", () -> before.accepted.size() >= 2);
    testKit.stop(first);
    assertTrue(store.stored.containsKey("moving"), "readings published after the polls");

    DeviceActorTest.SwitchableEntry after = new DeviceActorTest.SwitchableEntry();
    testKit.spawn(DeviceActor.create("moving", env("moving", device, after, store)));
    await("a poll on the new node", () -> !after.accepted.isEmpty());
    double rate = firstRate(after.accepted.peek());
    // 1,000 octets per poll, polls about one interval apart: a rate over the real elapsed time. The
    // fake device is read instantly but stamped when the actor gets the reply, so on a loaded machine
    // a step can look up to half an interval shorter; a rate over a wrong (restored) time is far off.
    assertTrue(rate > 0 && rate <= 1_000 / (INTERVAL.toMillis() / 1000.0 * 0.5), "first rate after the move: " + rate);
  }

  @Test
  void handOffReadingsStartADeviceThatIsStillWaitingForTheStore() throws Exception {
    MapStore earlier = new MapStore();
    DeviceActorTest.FakeDevice device = new DeviceActorTest.FakeDevice();
    DeviceActorTest.SwitchableEntry before = new DeviceActorTest.SwitchableEntry();
    ActorRef<DeviceActor.Command> first = testKit.spawn(DeviceActor.create("handed", env("handed", device, before, earlier)));
    await("a poll on the first node", () -> !before.accepted.isEmpty());
    testKit.stop(first);
    DeviceRates carried = earlier.stored.get("handed");

    MapStore blocked = new MapStore();
    blocked.restoreBlocked = true;
    DeviceActorTest.SwitchableEntry after = new DeviceActorTest.SwitchableEntry();
    ActorRef<DeviceActor.Command> second = testKit.spawn(DeviceActor.create("handed", env("handed", device, after, blocked)));
    Thread.sleep(3 * INTERVAL.toMillis());
    assertEquals(0, after.accepted.size(), "no poll before the last readings arrived");
    second.tell(new DeviceActor.EnsureRunning(Optional.of(carried)));
    await("a poll after the hand-off", () -> !after.accepted.isEmpty());
    assertTrue(firstRate(after.accepted.peek()) > 0);
  }
}
