package io.telemetry.it.kafka;

import io.telemetry.pipeline.PollBatch;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Poll batches whose samples carry their poll number in the {@code seq} counter, so that a reader
 * can tell which poll a record came from and check the order.
 */
final class TestBatches {

  static final Instant START = Instant.parse("2025-03-01T10:00:00.000000001Z");
  static final long ABOVE_SIGNED = Long.MIN_VALUE; // as unsigned: 2^63

  private TestBatches() {}

  /** Poll {@code seq} of {@code device}: two interface samples and one route_engine sample. */
  static PollBatch poll(String device, int seq) {
    Instant time = START.plusSeconds(10L * seq).plusNanos(seq);
    return new PollBatch(device, List.of(
        interfaceSample(device, "ge-0/0/0", seq, time),
        interfaceSample(device, "ge-0/0/1", seq, time),
        new Sample(device, "route_engine", time, Map.of("slot", "0"),
            Map.of("seq", (long) seq), Map.of("cpu_util", 10.0 + seq), Map.of(), 64, "")));
  }

  private static Sample interfaceSample(String device, String name, int seq, Instant time) {
    return new Sample(device, "interface", time, Map.of("interface", name),
        Map.of("seq", (long) seq, "in_octets", ABOVE_SIGNED + seq),
        Map.of("oper_up", 1.0),
        Map.of("in_octets", 0.5 * seq),
        64, "");
  }
}
