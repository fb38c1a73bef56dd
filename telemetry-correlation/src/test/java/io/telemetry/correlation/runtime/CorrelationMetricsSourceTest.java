package io.telemetry.correlation.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class CorrelationMetricsSourceTest {

  private static Map.Entry<MetricName, Metric> metric(String group, String name, Map<String, String> tags, double value) {
    MetricName metricName = new MetricName(name, group, "", tags);
    return Map.entry(metricName, new Metric() {
      @Override
      public MetricName metricName() {
        return metricName;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    });
  }

  @Test
  void lagIsTheSumOfThePartitionsRecordsLag() {
    Map<MetricName, Metric> metrics = Map.ofEntries(
        metric("consumer-fetch-manager-metrics", "records-lag", Map.of("topic", "t", "partition", "0"), 5),
        metric("consumer-fetch-manager-metrics", "records-lag", Map.of("topic", "t", "partition", "1"), 7),
        metric("consumer-fetch-manager-metrics", "records-lag", Map.of("topic", "t", "partition", "2"), Double.NaN),
        metric("consumer-fetch-manager-metrics", "records-lag-max", Map.of("client-id", "c"), 100),
        metric("consumer-metrics", "records-lag", Map.of("partition", "0"), 1000));
    assertEquals(OptionalDouble.of(12), CorrelationMetricsSource.lag(metrics));
  }

  @Test
  void noLagBeforeTheConsumerFetched() {
    assertTrue(CorrelationMetricsSource.lag(Map.of()).isEmpty());
  }
}
