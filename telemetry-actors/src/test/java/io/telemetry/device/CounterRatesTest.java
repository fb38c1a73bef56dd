package io.telemetry.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.telemetry.collect.PollResult;
import io.telemetry.sample.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CounterRatesTest {

  private static final Instant T0 = Instant.parse("2024-05-06T07:00:00Z");
  private static final long TWO_POW_32 = 1L << 32;

  private final CounterRates rates = new CounterRates();

  @Test
  void firstReadingHasNoRate() {
    Sample out = only(rates.apply(poll(iface("ge-0/0/0", T0, Map.of("in_octets", 100L)))));
    assertEquals(Map.of(), out.rates());
    assertEquals(Map.of("in_octets", 100L), out.counters());
  }

  @Test
  void rateIsDeltaOverSecondsBetweenSampleTimes() {
    rates.apply(poll(iface("ge-0/0/0", T0, Map.of("in_octets", 1_000L, "out_octets", 0L))));
    Sample out = only(rates.apply(poll(iface("ge-0/0/0", T0.plusMillis(12_500), Map.of("in_octets", 3_500L, "out_octets", 25L)))));
    assertEquals(Map.of("in_octets", 200.0, "out_octets", 2.0), out.rates());
    assertEquals(Map.of("in_octets", 3_500L, "out_octets", 25L), out.counters(), "raw counters stay");
    assertEquals(Map.of("oper_status", 1.0), out.gauges(), "gauges untouched");
  }

  @Test
  void nanosecondTimesAreUsed() {
    rates.apply(poll(iface("ge-0/0/0", T0, Map.of("in_octets", 0L))));
    Sample out = only(rates.apply(poll(iface("ge-0/0/0", T0.plusNanos(500_000_000), Map.of("in_octets", 1L)))));
    assertEquals(2.0, out.rates().get("in_octets"));
  }

  @Test
  void thirtyTwoBitCounterWraps() {
    rates.apply(poll(sample32(T0, TWO_POW_32 - 100)));
    Sample out = only(rates.apply(poll(sample32(T0.plusSeconds(10), 50L))));
    assertEquals(15.0, out.rates().get("in_octets"), "(2^32 - (2^32-100) + 50) / 10 s");
  }

  @Test
  void thirtyTwoBitReadingOutOfRangeGivesNoRate() {
    rates.apply(poll(sample32(T0, 10L)));
    Sample out = only(rates.apply(poll(sample32(T0.plusSeconds(10), TWO_POW_32 + 5))));
    assertEquals(Map.of(), out.rates());
  }

  @Test
  void sixtyFourBitCounterWrapsWhenTheWrappedDeltaIsPlausible() {
    long nearTop = -11L; // 2^64 - 11 as an unsigned long
    rates.apply(poll(iface("ge-0/0/0", T0, Map.of("in_octets", nearTop))));
    Sample out = only(rates.apply(poll(iface("ge-0/0/0", T0.plusSeconds(5), Map.of("in_octets", 4L)))));
    assertEquals(3.0, out.rates().get("in_octets"), "(11 + 4) / 5 s");
  }

  @Test
  void sixtyFourBitWrapOfExactlyHalfTheRangeIsStillAWrap() {
    long previous = Long.MIN_VALUE + 10; // 2^63 + 10
    rates.apply(poll(iface("ge-0/0/0", T0, Map.of("in_octets", previous))));
    // 2^63 + 10 -> 10: wrapped distance exactly 2^63
    Sample wrapped = only(rates.apply(poll(iface("ge-0/0/0", T0.plusSeconds(1), Map.of("in_octets", 10L)))));
    assertEquals(Math.pow(2, 63), wrapped.rates().get("in_octets"));
  }

  @Test
  void sixtyFourBitBackwardsBeyondHalfTheRangeIsAReset() {
    long previous = Long.MIN_VALUE + 10; // 2^63 + 10
    rates.apply(poll(iface("ge-0/0/0", T0, Map.of("in_octets", previous))));
    // 2^63 + 10 -> 11: back by 2^63 - 1, so the wrapped distance is 2^63 + 1, more than half the range
    Sample reset = only(rates.apply(poll(iface("ge-0/0/0", T0.plusSeconds(1), Map.of("in_octets", 11L)))));
    assertEquals(Map.of(), reset.rates());
  }

  @Test
  void clearedSixtyFourBitCounterIsAResetNotAWrap() {
    rates.apply(poll(iface("ge-0/0/0", T0, Map.of("in_octets", 1_000_000L))));
    Sample cleared = only(rates.apply(poll(iface("ge-0/0/0", T0.plusSeconds(10), Map.of("in_octets", 500L)))));
    assertEquals(Map.of(), cleared.rates(), "no spike of ~1.8e18 octets/s");
    Sample next = only(rates.apply(poll(iface("ge-0/0/0", T0.plusSeconds(20), Map.of("in_octets", 1_500L)))));
    assertEquals(100.0, next.rates().get("in_octets"), "the cleared reading is the new baseline");
  }

  @Test
  void unsignedValuesAboveLongMaxValue() {
    long belowHalf = Long.MAX_VALUE; // 2^63 - 1
    long aboveHalf = Long.MIN_VALUE + 99; // 2^63 + 99: negative as a signed long
    rates.apply(poll(iface("ge-0/0/0", T0, Map.of("in_octets", belowHalf))));
    Sample out = only(rates.apply(poll(iface("ge-0/0/0", T0.plusSeconds(4), Map.of("in_octets", aboveHalf)))));
    assertEquals(25.0, out.rates().get("in_octets"), "100 octets in 4 s, not a wrap or reset");
  }

  @Test
  void uptimeGoingBackwardsResetsEverySeriesOfTheDevice() {
    rates.apply(poll(1_000, iface("a", T0, Map.of("in_octets", 100L)), iface("b", T0, Map.of("in_octets", 100L))));
    // Rebooted; b did not come back in this poll.
    Sample a = only(rates.apply(poll(20, iface("a", T0.plusSeconds(60), Map.of("in_octets", 700L)))));
    assertEquals(Map.of(), a.rates(), "no rate across a reboot even though the counter grew");
    List<Sample> after = rates.apply(poll(80,
        iface("a", T0.plusSeconds(120), Map.of("in_octets", 1_300L)), iface("b", T0.plusSeconds(120), Map.of("in_octets", 5_000L))));
    assertEquals(Map.of("in_octets", 10.0), after.get(0).rates(), "baseline is the post-reboot reading");
    assertEquals(Map.of(), after.get(1).rates(), "b's pre-reboot reading was dropped");
  }

  @Test
  void rebootDuringALongGapIsDetectedFromTheUptimeLaggingWallTime() {
    rates.apply(poll(1_000, iface("a", T0, Map.of("in_octets", 100L))));
    // Two hours later the uptime is only 1500 s: the device restarted in between.
    Sample out = only(rates.apply(poll(1_500, iface("a", T0.plus(Duration.ofHours(2)), Map.of("in_octets", 7_300L)))));
    assertEquals(Map.of(), out.rates());
  }

  @Test
  void uptimeGrowingWithWallTimeIsNoReset() {
    rates.apply(poll(1_000, iface("a", T0, Map.of("in_octets", 100L))));
    // Uptime has whole seconds and is read a little before the interface reply: 59 s for 60 s.
    Sample out = only(rates.apply(poll(1_059, iface("a", T0.plusSeconds(60), Map.of("in_octets", 700L)))));
    assertEquals(Map.of("in_octets", 10.0), out.rates());
  }

  @Test
  void discontinuityChangeResetsTheSeries() {
    rates.apply(poll(iface("a", T0, Map.of("in_octets", 100L), "snmp-index=5;statistics-cleared=Never")));
    Sample changed = only(rates.apply(poll(iface("a", T0.plusSeconds(10), Map.of("in_octets", 900L),
        "snmp-index=5;statistics-cleared=2024-05-06 07:00:05 UTC"))));
    assertEquals(Map.of(), changed.rates(), "counters cleared and re-counted: no rate for this step");
    Sample next = only(rates.apply(poll(iface("a", T0.plusSeconds(20), Map.of("in_octets", 1_000L),
        "snmp-index=5;statistics-cleared=2024-05-06 07:00:05 UTC"))));
    assertEquals(Map.of("in_octets", 10.0), next.rates());
  }

  @Test
  void timeThatDidNotAdvanceGivesNoRate() {
    rates.apply(poll(iface("a", T0, Map.of("in_octets", 100L))));
    Sample same = only(rates.apply(poll(iface("a", T0, Map.of("in_octets", 200L)))));
    assertEquals(Map.of(), same.rates());
    Sample earlier = only(rates.apply(poll(iface("a", T0.minusSeconds(1), Map.of("in_octets", 300L)))));
    assertEquals(Map.of(), earlier.rates());
  }

  @Test
  void absentCounterGetsNoRateAndKeepsItsLastReading() {
    rates.apply(poll(iface("a", T0, Map.of("in_octets", 100L, "in_errors", 0L))));
    Sample without = only(rates.apply(poll(iface("a", T0.plusSeconds(10), Map.of("in_octets", 200L)))));
    assertEquals(Map.of("in_octets", 10.0), without.rates());
    Sample back = only(rates.apply(poll(iface("a", T0.plusSeconds(20), Map.of("in_octets", 300L, "in_errors", 40L)))));
    assertEquals(Map.of("in_octets", 10.0, "in_errors", 2.0), back.rates(), "40 errors over 20 s since its last reading");
  }

  @Test
  void newCounterInAKnownSeriesStartsWithoutRate() {
    rates.apply(poll(iface("a", T0, Map.of("in_octets", 100L))));
    Sample out = only(rates.apply(poll(iface("a", T0.plusSeconds(10), Map.of("in_octets", 200L, "out_octets", 5L)))));
    assertEquals(Map.of("in_octets", 10.0), out.rates());
  }

  @Test
  void gaugeOnlySamplesPassThrough() {
    Sample re = new Sample("r1", "route_engine", T0, Map.of("slot", "0"), Map.of(), Map.of("cpu_util", 5.0),
        Map.of(), 64, "");
    assertEquals(List.of(re), rates.apply(poll(re)));
  }

  @Test
  void seriesUnseenForLongerThanForgetAfterAreDropped() {
    CounterRates forgetful = new CounterRates(Duration.ofMinutes(10));
    forgetful.apply(poll(iface("a", T0, Map.of("in_octets", 1L)), iface("gone", T0, Map.of("in_octets", 1L))));
    forgetful.apply(poll(iface("a", T0.plus(Duration.ofMinutes(11)), Map.of("in_octets", 2L))));
    assertEquals(List.of("interface,interface=a"), List.copyOf(forgetful.snapshot().series().keySet()));
  }

  @Test
  void snapshotCarriesTheStateToAnotherInstance() {
    rates.apply(poll(1_000, iface("a", T0, Map.of("in_octets", 100L))));
    CounterRates moved = CounterRates.fromSnapshot(rates.snapshot());

    Sample out = only(moved.apply(poll(1_060, iface("a", T0.plusSeconds(60), Map.of("in_octets", 700L)))));
    assertEquals(Map.of("in_octets", 10.0), out.rates(), "continues from the carried reading");
    Sample reboot = only(CounterRates.fromSnapshot(rates.snapshot())
        .apply(poll(5, iface("a", T0.plusSeconds(60), Map.of("in_octets", 700L)))));
    assertEquals(Map.of(), reboot.rates(), "the carried uptime still detects a reboot");
  }

  @Test
  void snapshotIsImmutableAndSurvivesJson() throws Exception {
    rates.apply(poll(1_000, iface("a", T0, Map.of("in_octets", -5L, "out_octets", 7L))));
    CounterRates.Snapshot snapshot = rates.snapshot();
    rates.apply(poll(1_010, iface("a", T0.plusSeconds(10), Map.of("in_octets", 3L))));
    assertEquals(-5L, snapshot.series().get("interface,interface=a").counters().get("in_octets").value(),
        "later polls do not change a taken snapshot");

    ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
    CounterRates.Snapshot copy = json.readValue(json.writeValueAsString(snapshot), CounterRates.Snapshot.class);
    assertEquals(snapshot, copy);
    assertTrue(copy.uptime().isPresent());
  }

  private static Sample iface(String name, Instant time, Map<String, Long> counters) {
    return iface(name, time, counters, "snmp-index=1;local-index=1;statistics-cleared=Never");
  }

  private static Sample iface(String name, Instant time, Map<String, Long> counters, String discontinuity) {
    return new Sample("r1", "interface", time, Map.of("interface", name), new LinkedHashMap<>(counters),
        Map.of("oper_status", 1.0), Map.of(), 64, discontinuity);
  }

  private static Sample sample32(Instant time, long inOctets) {
    return new Sample("r1", "interface", time, Map.of("interface", "Gi0/1"), Map.of("in_octets", inOctets),
        Map.of(), Map.of(), 32, "");
  }

  private static PollResult poll(Sample... samples) {
    return new PollResult(List.of(samples), OptionalLong.empty());
  }

  private static PollResult poll(long uptimeSeconds, Sample... samples) {
    return new PollResult(List.of(samples), OptionalLong.of(uptimeSeconds));
  }

  private static Sample only(List<Sample> samples) {
    assertEquals(1, samples.size());
    return samples.get(0);
  }
}
