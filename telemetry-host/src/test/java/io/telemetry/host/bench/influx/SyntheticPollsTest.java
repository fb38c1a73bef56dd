package io.telemetry.host.bench.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.pipeline.PollBatch;
import io.telemetry.sample.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticPollsTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private final SyntheticPolls polls = new SyntheticPolls(3, 48, START, Duration.ofSeconds(30), 7);

  @Test
  void aPollOf48PortsHasTheCollectorsShape() {
    PollBatch poll = polls.poll(1, 0);
    // 48 ports, 48 units, the routing engine; 48 x 19 + 48 x 4 + 14 values (docs/benchmarks.md: ~1,118).
    assertEquals(97, poll.samples().size());
    assertEquals(97, polls.samplesPerPoll());
    assertEquals(1_118, poll.pointCount());
    assertEquals(1_118, polls.valuesPerPoll());

    Sample port = poll.samples().get(0);
    assertEquals("interface", port.family());
    assertEquals("ge-0/0/0", port.tags().get("interface"));
    assertEquals(Set.of("in_octets", "out_octets", "in_packets", "out_packets", "in_errors", "in_discards",
        "out_errors", "out_discards"), port.counters().keySet());
    assertEquals(port.counters().keySet(), port.rates().keySet(), "every counter has its rate");
    assertEquals(Set.of("admin_status", "oper_status", "speed_bps"), port.gauges().keySet());

    Sample unit = poll.samples().get(1);
    assertEquals("ge-0/0/0.0", unit.tags().get("interface"));
    assertEquals(Set.of("in_packets", "out_packets"), unit.counters().keySet());
    assertEquals(Set.of("in_packets", "out_packets"), unit.rates().keySet());

    Sample re = poll.samples().get(96);
    assertEquals("route_engine", re.family());
    assertEquals(14, re.gauges().size());
    assertTrue(re.gauges().containsKey("cpu_util") && re.gauges().containsKey("uptime_seconds"));
  }

  @Test
  void everyDeviceAndPortIsItsOwnSeriesAndRoundsComeOneIntervalApart() {
    Set<String> series = new HashSet<>();
    for (PollBatch poll : polls.round(0)) {
      for (Sample s : poll.samples()) {
        assertTrue(series.add(s.device() + "/" + s.seriesKey()), "series twice: " + s.seriesKey());
      }
    }
    assertEquals(3 * 97, series.size());

    Sample first = polls.poll(2, 0).samples().get(4); // port ge-0/0/2
    Sample third = polls.poll(2, 2).samples().get(4); // port ge-0/0/2
    assertEquals(Duration.ofSeconds(60), Duration.between(first.time(), third.time()));
    assertEquals(first.seriesKey(), third.seriesKey());
    assertTrue(third.counters().get("in_octets") > first.counters().get("in_octets"), "counters grow");
    assertNotEquals(0, first.time().getNano() % 1_000_000, "nanosecond times, not whole milliseconds");
  }

  @Test
  void theSamePollsEveryTime() {
    SyntheticPolls again = new SyntheticPolls(3, 48, START, Duration.ofSeconds(30), 7);
    assertEquals(polls.rounds(0, 2), again.rounds(0, 2));
    List<PollBatch> two = polls.rounds(1, 3);
    assertEquals(6, two.size());
    assertEquals(polls.poll(0, 1), two.get(0));
    assertEquals(polls.poll(2, 2), two.get(5));
  }
}
