package io.telemetry.host.bench.failover;

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

class MoveFigureMathTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private final List<Delivery> records = new ArrayList<>();
  private long offset;

  /** A poll: two records (two requests) a few milliseconds apart, as one reply stamps them. */
  private void poll(String device, String node, double seconds) {
    Instant t = T0.plusMillis((long) (seconds * 1000));
    records.add(new Delivery(device, node, t, 0, offset++));
    records.add(new Delivery(device, node, t.plusMillis(3), 0, offset++));
  }

  private void every(String device, String node, double from, double to) {
    for (double s = from; s <= to; s += 10) {
      poll(device, node, s);
    }
  }

  @Test
  void killFiguresCountMissedPollsAndTheLastDeviceToResume() {
    every("d1", "node-1", 1, 201);
    every("d2", "node-3", 2, 202);
    // node-2 is killed at 100 s; its devices move.
    every("d3", "node-2", 5, 95);
    every("d3", "node-1", 125, 205); // gap 30 s: two polls missed, resumes 25 s after the kill
    every("d4", "node-2", 2, 92);
    every("d4", "node-3", 112, 202); // gap 20 s: one poll missed
    every("d5", "node-2", 8, 98);
    every("d5", "node-3", 108, 198); // gap 10 s: none missed

    MoveFigures f = MoveFigureMath.measure(records, "kill", "node-2", T0.plusSeconds(100), T0.plusSeconds(210),
        INTERVAL, List.of("d1", "d2", "d3", "d4", "d5"));

    assertEquals(Map.of("node-1", 1, "node-2", 3, "node-3", 1), f.ownersBefore());
    assertEquals(3, f.movedDevices());
    assertEquals(3, f.movedDelivering());
    assertEquals(25_000L, f.failoverMillis());
    assertEquals(12_000L, f.resumeMillisP50());
    assertEquals(1, f.movedMissing(0));
    assertEquals(1, f.movedMissing(1));
    assertEquals(1, f.movedMissing(2));
    assertEquals(0, f.movedMissing(3));
    assertEquals(2, f.missedOthers().get("0"));
    assertEquals(30_000L, f.longestGapMillis());
    assertTrue(f.unpolledDevices().isEmpty());
  }

  @Test
  void aDeviceNeverPolledAgainIsUnpolledAndLeavesNoFailoverTime() {
    every("d1", "node-1", 1, 201);
    every("d2", "node-2", 3, 93);
    every("d3", "node-2", 4, 94);
    every("d3", "node-1", 114, 204);

    MoveFigures f = MoveFigureMath.measure(records, "kill", "node-2", T0.plusSeconds(100), T0.plusSeconds(210),
        INTERVAL, List.of("d1", "d2", "d3"));

    assertEquals(List.of("d2"), f.unpolledDevices());
    assertEquals(2, f.movedDevices());
    assertEquals(1, f.movedDelivering());
    assertNull(f.failoverMillis(), "one moved device never resumed");
    FailoverFigures.Verdict v = FailoverFigures.judge(f, null, 60_000);
    assertFalse(v.killMet());
    assertNull(FailoverFigures.judge(null, f, 60_000).killMet(), "kill not run");
  }

  @Test
  void aGracefulLeaveCountsFromTheLastPollOfTheLeavingNode() {
    // node-1 is told to stop at 100 s but still polls at 105 s while handing off.
    every("d1", "node-1", 5, 105);
    every("d1", "node-2", 115, 205);
    every("d2", "node-2", 1, 201);
    every("d3", "node-1", 9, 99);
    every("d3", "node-3", 119, 209); // gap 20 s: one poll missed

    MoveFigures f = MoveFigureMath.measure(records, "leave", "node-1", T0.plusSeconds(100), T0.plusSeconds(210),
        INTERVAL, List.of("d1", "d2", "d3"));

    assertEquals(2, f.movedDevices());
    assertEquals(19_000L, f.failoverMillis());
    assertEquals(1, f.movedMissing(0));
    assertEquals(1, f.movedMissing(1));
    assertTrue(FailoverFigures.judge(f, f, 60_000).leaveMet());
  }

  @Test
  void theVerdictHoldsTheFailoverTimeAgainstTheBound() {
    every("d1", "node-1", 1, 201);
    every("d2", "node-2", 3, 93);
    every("d2", "node-1", 153, 203); // resumes 53 s after the kill

    MoveFigures f = MoveFigureMath.measure(records, "kill", "node-2", T0.plusSeconds(100), T0.plusSeconds(210),
        INTERVAL, List.of("d1", "d2"));

    assertEquals(53_000L, f.failoverMillis());
    assertTrue(FailoverFigures.judge(f, null, 53_000).killMet());
    assertFalse(FailoverFigures.judge(f, null, 52_999).killMet());
    assertEquals(1, f.movedMissing(3), "a 60 s gap missed five polls");
  }
}
