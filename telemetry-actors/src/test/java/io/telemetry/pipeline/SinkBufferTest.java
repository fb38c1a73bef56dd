package io.telemetry.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.testkit.TestPublisher;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.apache.pekko.stream.testkit.javadsl.TestSource;
import org.apache.pekko.japi.Pair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SinkBufferTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private record Probes(TestPublisher.Probe<Integer> up, TestSubscriber.Probe<Integer> down,
      List<Integer> dropped, AtomicInteger depth) {}

  private Probes run(int capacity, OverflowPolicy policy) {
    List<Integer> dropped = new CopyOnWriteArrayList<>();
    AtomicInteger depth = new AtomicInteger();
    Pair<TestPublisher.Probe<Integer>, TestSubscriber.Probe<Integer>> probes = TestSource.<Integer>probe(testKit.system().classicSystem())
        .via(new SinkBuffer<Integer>(capacity, policy, dropped::add, depth::set))
        .toMat(TestSink.probe(testKit.system().classicSystem()), Keep.both())
        .run(testKit.system());
    probes.second().ensureSubscription();
    return new Probes(probes.first(), probes.second(), dropped, depth);
  }

  /** Stream stages run on their own threads: retry an assertion until it holds or 3 s pass. */
  private static void eventually(Runnable assertion) {
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void backpressureHoldsAtCapacityAndLosesNothing() {
    Probes p = run(3, OverflowPolicy.BACKPRESSURE);
    for (int i = 1; i <= 3; i++) {
      p.up.sendNext(i);
    }
    eventually(() -> assertEquals(3, p.depth.get()));
    // Full: a fourth element waits upstream of the buffer instead of entering it.
    p.up.sendNext(4);
    p.down.expectNoMessage(java.time.Duration.ofMillis(100));
    assertEquals(3, p.depth.get());
    p.down.request(4);
    p.down.expectNext(1, 2, 3, 4);
    assertEquals(List.of(), p.dropped);
  }

  @Test
  void dropOldestNeverBlocksAndCountsEveryDrop() {
    Probes p = run(2, OverflowPolicy.DROP_OLDEST);
    for (int i = 1; i <= 5; i++) {
      p.up.sendNext(i);
    }
    eventually(() -> assertEquals(List.of(1, 2, 3), p.dropped));
    assertEquals(2, p.depth.get());
    p.down.request(2);
    p.down.expectNext(4, 5);
    eventually(() -> assertEquals(0, p.depth.get()));
  }

  @Test
  void drainsWhatItHoldsWhenUpstreamCompletes() {
    Probes p = run(4, OverflowPolicy.BACKPRESSURE);
    p.up.sendNext(1).sendNext(2).sendComplete();
    p.down.request(5);
    p.down.expectNext(1, 2);
    p.down.expectComplete();
  }
}
