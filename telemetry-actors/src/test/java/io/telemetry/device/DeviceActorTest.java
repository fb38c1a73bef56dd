package io.telemetry.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorFactory;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.DeviceSession;
import io.telemetry.collect.PollResult;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.StaticTargets;
import io.telemetry.inventory.Target;
import io.telemetry.pipeline.PipelineEntry;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.sample.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DeviceActorTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A collector whose behaviour the test steers; counts opens and concurrent polls. */
  static final class FakeDevice implements CollectorFactory {
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger concurrentPolls = new AtomicInteger();
    final AtomicInteger maxConcurrentPolls = new AtomicInteger();
    final AtomicLong octets = new AtomicLong(1_000);
    volatile Duration pollTime = Duration.ZERO;
    volatile boolean failOpen;
    volatile boolean breakNextPoll;

    @Override
    public String type() {
      return "fake";
    }

    @Override
    public Collector create(Target target, CollectorSpec spec) {
      return new Collector() {
        @Override
        public void open(DeviceSession session) throws CollectException {
          opens.incrementAndGet();
          if (failOpen) {
            throw new CollectException(target.id(), CollectException.Kind.AUTH, "authentication failed", true);
          }
        }

        @Override
        public PollResult poll(Instant start) throws CollectException {
          int now = concurrentPolls.incrementAndGet();
          maxConcurrentPolls.accumulateAndGet(now, Math::max);
          try {
            Thread.sleep(pollTime.toMillis());
            if (breakNextPoll) {
              breakNextPoll = false;
              throw new CollectException(target.id(), CollectException.Kind.SESSION_LOST, "session dropped", true);
            }
            polls.incrementAndGet();
            Sample s = new Sample(target.id(), "every" + spec.interval().toMillis(), Instant.now(), Map.of("interface", "ge-0/0/0"),
                Map.of("in_octets", octets.addAndGet(1_000)), Map.of(), Map.of(), 64, "");
            return new PollResult(List.of(s), OptionalLong.of(1000 + polls.get()));
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          } finally {
            concurrentPolls.decrementAndGet();
          }
        }

        @Override
        public void close() {}
      };
    }
  }

  /** A device session for collectors that do not use SSH. */
  record NoSsh(Target target) implements DeviceSession {
    @Override
    public org.apache.sshd.client.session.ClientSession ssh() {
      throw new UnsupportedOperationException("no SSH in this test");
    }

    @Override
    public void sshBroken() {}

    @Override
    public void close() {}
  }

  /** A pipeline entry that is full while {@code full} is set. */
  static final class SwitchableEntry implements PipelineEntry {
    final AtomicBoolean full = new AtomicBoolean();
    final ConcurrentLinkedQueue<PollBatch> accepted = new ConcurrentLinkedQueue<>();

    @Override
    public boolean hasRoom() {
      return !full.get();
    }

    @Override
    public boolean offer(PollBatch batch) {
      if (full.get()) {
        return false;
      }
      accepted.add(batch);
      return true;
    }

    @Override
    public int depth() {
      return 0;
    }

    @Override
    public int capacity() {
      return 1;
    }
  }

  private record Fixture(FakeDevice device, SwitchableEntry entry, PipelineMetrics metrics,
      ActorRef<DeviceActor.Command> actor) {}

  private Fixture start(String id, Duration interval) {
    return start(id, interval, device -> {});
  }

  private Fixture start(String id, Duration interval, java.util.function.Consumer<FakeDevice> setUp) {
    return start(id, List.of(CollectorSpec.of("fake", interval)), setUp);
  }

  private Fixture start(String id, List<CollectorSpec> collectors, java.util.function.Consumer<FakeDevice> setUp) {
    FakeDevice device = new FakeDevice();
    setUp.accept(device);
    SwitchableEntry entry = new SwitchableEntry();
    PipelineMetrics metrics = new PipelineMetrics();
    Target target = new Target(id, "127.0.0.1", 830, Credentials.password("u", "p"), collectors,
        Duration.ofSeconds(5), Map.of());
    DeviceSettings settings = new DeviceSettings(Duration.ofMillis(50), Duration.ofMillis(200), 0.0,
        Duration.ofMillis(20), false, Duration.ofSeconds(10));
    DeviceEnvironment env = new DeviceEnvironment("test-node", new StaticTargets(List.of(target)),
        new CollectorRegistry(List.of(device)), entry, metrics, Executors.newFixedThreadPool(4), settings,
        NoSsh::new);
    return new Fixture(device, entry, metrics, testKit.spawn(DeviceActor.create(id, env)));
  }

  private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void pollsOnScheduleAndAddsRates() throws Exception {
    Fixture f = start("r1", Duration.ofMillis(50));
    await("three batches", Duration.ofSeconds(5), () -> f.entry.accepted.size() >= 3);
    List<PollBatch> batches = List.copyOf(f.entry.accepted);
    assertEquals("r1", batches.get(0).device());
    assertTrue(batches.get(0).samples().get(0).rates().isEmpty(), "first reading has no rate");
    assertTrue(batches.get(1).samples().get(0).rates().get("in_octets") > 0, "second reading has a rate");
    assertEquals(1, f.device.opens.get(), "one session for all polls");
  }

  @Test
  void neverPollsWhileThePreviousPollRuns() throws Exception {
    Fixture f = start("slow", Duration.ofMillis(20), device -> device.pollTime = Duration.ofMillis(120));
    await("overruns and slow polls counted", Duration.ofSeconds(5),
        () -> f.metrics.total().overruns() >= 3 && f.metrics.total().slowPolls() >= 2);
    assertEquals(1, f.device.maxConcurrentPolls.get());
  }

  @Test
  void defersPollsWhileTheEntryIsFullAndLosesNothing() throws Exception {
    Fixture f = start("busy", Duration.ofMillis(30));
    await("first batch", Duration.ofSeconds(5), () -> f.entry.accepted.size() >= 1);
    f.entry.full.set(true);
    int pollsWhenFull = f.device.polls.get();
    await("deferrals counted", Duration.ofSeconds(5), () -> f.metrics.total().deferrals() >= 5);
    // At most the poll already running when the entry filled up finishes; then polling stops.
    assertTrue(f.device.polls.get() <= pollsWhenFull + 1, "polls are deferred while the entry is full");
    int polledWhileFull = f.device.polls.get();
    f.entry.full.set(false);
    await("delivery resumes", Duration.ofSeconds(5), () -> f.entry.accepted.size() >= polledWhileFull + 2);
    // Every poll that ran was handed over exactly once: nothing dropped, nothing doubled.
    await("all polls handed over", Duration.ofSeconds(5),
        () -> f.entry.accepted.size() == f.device.polls.get() || f.entry.accepted.size() == f.device.polls.get() - 1);
    List<Long> octets = f.entry.accepted.stream()
        .map(b -> b.samples().get(0).counters().get("in_octets")).toList();
    for (int i = 1; i < octets.size(); i++) {
      assertEquals(octets.get(i - 1) + 1_000, octets.get(i), "no poll lost between hand-offs");
    }
  }

  @Test
  void reconnectsWithBackoffAfterABrokenSession() throws Exception {
    Fixture f = start("flaky", Duration.ofMillis(30));
    await("first batch", Duration.ofSeconds(5), () -> f.entry.accepted.size() >= 1);
    f.device.breakNextPoll = true;
    await("second session", Duration.ofSeconds(5), () -> f.device.opens.get() >= 2);
    int before = f.entry.accepted.size();
    await("polling again", Duration.ofSeconds(5), () -> f.entry.accepted.size() > before);
    assertTrue(f.metrics.total().errors() >= 1);
  }

  @Test
  void collectorsOfOneDevicePollOnTheirOwnIntervalsOneAtATime() throws Exception {
    Fixture f = start("multi", List.of(CollectorSpec.of("fake", Duration.ofMillis(40)),
        CollectorSpec.of("fake", Duration.ofMillis(400))), device -> device.pollTime = Duration.ofMillis(5));
    await("both collectors polled several times", Duration.ofSeconds(5), () -> f.device.polls.get() >= 24);
    assertEquals(2, f.device.opens.get(), "each collector opened once");
    assertEquals(1, f.device.maxConcurrentPolls.get(), "never two polls of one device at once");
    // The fast collector polls about ten times as often as the slow one.
    long fast = f.entry.accepted.stream().filter(b -> b.samples().get(0).family().equals("every40")).count();
    long slow = f.entry.accepted.stream().filter(b -> b.samples().get(0).family().equals("every400")).count();
    assertTrue(slow >= 1 && fast >= 5 * slow, "fast " + fast + " vs slow " + slow);
  }

  @Test
  void keepsRetryingAFailingLoginAndReportsIt() throws Exception {
    Fixture f = start("locked", Duration.ofMillis(30), device -> device.failOpen = true);
    await("several attempts", Duration.ofSeconds(5), () -> f.device.opens.get() >= 3);
    var probe = testKit.<DeviceActor.DeviceStatus>createTestProbe();
    f.actor.tell(new DeviceActor.GetStatus(probe.getRef()));
    DeviceActor.DeviceStatus status = probe.receiveMessage();
    assertTrue(status.lastError().orElse("").contains("authentication failed"), status.toString());
    assertEquals(0, f.entry.accepted.size());
  }
}
