package io.telemetry.correlation.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The task watermark: lateness per input, inputs that have not delivered, lagging inputs, restore. */
class TaskWatermarkTest {

  private static final String IFACE = "telemetry.metrics.interface";
  private static final String BGP = "telemetry.metrics.bgp_peer";
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Duration LATENESS = Duration.ofSeconds(30);
  private static final Duration IDLE = Duration.ofMinutes(5);

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static TaskWatermark twoInputs() {
    return new TaskWatermark(List.of(IFACE, BGP), LATENESS, IDLE, TaskMeta.EMPTY);
  }

  private static Instant feed(TaskWatermark clock, String topic, long seconds) {
    clock.observe(topic, at(seconds));
    clock.advance();
    return clock.watermark();
  }

  @Test
  void singleInputFollowsItsMaxMinusLatenessAndNeverMovesBack() {
    TaskWatermark clock = new TaskWatermark(List.of(IFACE), LATENESS, IDLE, TaskMeta.EMPTY);
    assertEquals(at(70), feed(clock, IFACE, 100));
    assertEquals(at(70), feed(clock, IFACE, 80), "an out-of-order record does not move it back");
    assertEquals(at(170), feed(clock, IFACE, 200));
    assertTrue(clock.isLate(IFACE, at(169)));
    assertFalse(clock.isLate(IFACE, at(170)));
    assertFalse(clock.isLate(BGP, at(0)), "lateness is judged per input");
  }

  @Test
  void anInputThatHasNotDeliveredHoldsTheWatermarkUntilItDoes() {
    TaskWatermark clock = twoInputs();
    for (long t = 0; t <= 210; t += 30) {
      assertNull(feed(clock, IFACE, t), "interface at " + t + " while bgp_peer has not delivered");
    }
    // bgp_peer's first record is not late by its own input's rule and lies ahead of the watermark.
    assertFalse(clock.isLate(BGP, at(0)));
    assertEquals(at(-30), feed(clock, BGP, 0), "now the slower input bounds it");
    assertEquals(at(0), feed(clock, BGP, 30));
    assertEquals(at(180), feed(clock, BGP, 300), "the interface (210) is the slower one now");
  }

  @Test
  void aSilentInputIsIgnoredOnceEventTimeAdvancedByInputIdleFromTheFirstRecord() {
    TaskWatermark clock = twoInputs();
    assertNull(feed(clock, IFACE, 1000));
    assertNull(feed(clock, IFACE, 1299), "4m59s after the first record: still waiting for bgp_peer");
    assertEquals(at(1270), feed(clock, IFACE, 1300), "5m after the first record: bgp_peer is ignored");
    assertEquals(at(1370), feed(clock, IFACE, 1400));
    // bgp_peer delivers late in the run: it counts again, and the watermark does not move back.
    assertEquals(at(1370), feed(clock, BGP, 1350));
    assertEquals(at(1370), feed(clock, IFACE, 1500), "bgp_peer (1350) holds it now");
    assertEquals(at(1470), feed(clock, BGP, 1600));
  }

  @Test
  void anInputFallingMoreThanInputIdleBehindIsIgnoredUntilItCatchesUp() {
    TaskWatermark clock = twoInputs();
    feed(clock, IFACE, 0);
    feed(clock, BGP, 0);
    assertEquals(at(-30), feed(clock, BGP, 100), "the interface (0) is the slower one");
    assertEquals(at(70), feed(clock, IFACE, 400), "bgp_peer 300s behind: not more than 5m, still counts");
    assertEquals(at(371), feed(clock, IFACE, 401), "bgp_peer more than 5m behind: ignored");
    assertEquals(at(371), feed(clock, BGP, 380), "caught up within 5m: counts again, no step back");
    assertEquals(at(371), feed(clock, IFACE, 500));
    assertEquals(at(470), feed(clock, BGP, 600));
  }

  @Test
  void zeroInputIdleWaitsForNoInput() {
    TaskWatermark clock = new TaskWatermark(List.of(IFACE, BGP), LATENESS, Duration.ZERO, TaskMeta.EMPTY);
    assertEquals(at(-30), feed(clock, IFACE, 0));
    assertEquals(at(70), feed(clock, IFACE, 100));
  }

  @Test
  void aRestoreFromTheChangelogContinuesExactlyAsTheUninterruptedRun() {
    List<Object[]> script = new ArrayList<>();
    for (long t = 0; t <= 240; t += 30) {
      script.add(new Object[] {IFACE, t});
    }
    for (long t = 0; t <= 600; t += 30) {
      script.add(new Object[] {BGP, t});
      script.add(new Object[] {IFACE, t + 240});
    }
    List<Instant> uninterrupted = run(script, -1);
    for (int restoreAfter = 0; restoreAfter < script.size(); restoreAfter += 3) {
      assertEquals(uninterrupted, run(script, restoreAfter), "restored after record " + restoreAfter);
    }
    assertNull(uninterrupted.get(8), "held while bgp_peer had not delivered");
  }

  @Test
  void metadataWithoutTheFirstTimeTakesTheEarliestMax() {
    TaskMeta old = StateJson.read(
        "{\"maxTimes\":{\"telemetry.metrics.interface\":\"2025-03-01T10:01:40Z\"},\"watermark\":null}".getBytes(),
        TaskMeta.class);
    assertNull(old.firstTime());
    TaskWatermark clock = new TaskWatermark(List.of(IFACE, BGP), LATENESS, IDLE, old);
    assertNull(feed(clock, IFACE, 399), "waits 5m from 100");
    assertEquals(at(370), feed(clock, IFACE, 400));
    assertEquals(new TaskMeta(Map.of(IFACE, at(400)), at(370), at(100)), clock.meta());
  }

  /** The watermark after each record; after record {@code restoreAfter} the clock is rebuilt from its JSON metadata. */
  private static List<Instant> run(List<Object[]> script, int restoreAfter) {
    TaskWatermark clock = twoInputs();
    List<Instant> marks = new ArrayList<>();
    for (int i = 0; i < script.size(); i++) {
      marks.add(feed(clock, (String) script.get(i)[0], (Long) script.get(i)[1]));
      if (i == restoreAfter) {
        TaskMeta meta = StateJson.read(StateJson.write(clock.meta()), TaskMeta.class);
        clock = new TaskWatermark(List.of(IFACE, BGP), LATENESS, IDLE, meta);
      }
    }
    return marks;
  }
}
