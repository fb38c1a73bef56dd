package io.telemetry.correlation.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The consumer lag arithmetic of {@link ConsumerGroupLag} (the broker side is CorrelationLagIT's). */
class CorrelationMetricsSourceTest {

  private static final TopicPartition A0 = new TopicPartition("a", 0);
  private static final TopicPartition A1 = new TopicPartition("a", 1);
  private static final TopicPartition B0 = new TopicPartition("b", 0);

  @Test
  void lagIsTheEndMinusTheCommittedOffsetSummedOverThePartitions() {
    long lag = ConsumerGroupLag.lag(List.of(A0, A1, B0),
        Map.of(A0, 120L, A1, 40L, B0, 7L),
        Map.of(A0, 0L, A1, 0L, B0, 0L),
        Map.of(A0, new OffsetAndMetadata(100), A1, new OffsetAndMetadata(40), B0, new OffsetAndMetadata(2)));
    assertEquals(20 + 0 + 5, lag);
  }

  @Test
  void aPartitionWithoutACommitCountsFromItsLogStartAsTheRuleReadsFromTheEarliestRecord() {
    long lag = ConsumerGroupLag.lag(List.of(A0, A1),
        Map.of(A0, 50L, A1, 30L),
        Map.of(A0, 10L, A1, 0L),
        Map.of(A1, new OffsetAndMetadata(30)));
    assertEquals(40, lag);
  }

  @Test
  void aCommitBelowTheLogStartCountsFromTheLogStartWhereTheConsumerResets() {
    assertEquals(5, ConsumerGroupLag.lag(List.of(A0), Map.of(A0, 25L), Map.of(A0, 20L),
        Map.of(A0, new OffsetAndMetadata(3))));
  }

  @Test
  void onlyTheGivenPartitionsCountAndNeverBelowZero() {
    assertEquals(0, ConsumerGroupLag.lag(List.of(A0), Map.of(A0, 10L, B0, 99L), Map.of(A0, 0L, B0, 0L),
        Map.of(A0, new OffsetAndMetadata(10))));
    assertEquals(0, ConsumerGroupLag.lag(List.of(), Map.of(A0, 10L), Map.of(), Map.of()));
  }
}
