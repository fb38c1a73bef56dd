package io.telemetry.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code config check} knows the {@code telemetry.kafka.topics} block and reports its mistakes by path and line. */
class KafkaTopicsConfigCheckTest {

  private static final Path DIR = Path.of("src/test/resources/config-check/kafka-topics");

  @Test
  void everyKeyOfTheBlockChecksClean() {
    ConfigReport report = ConfigCheck.check(DIR.resolve("good.conf"));
    assertTrue(report.clean(), String.join("\n", report.lines()));
  }

  @Test
  void anUnknownKeyABadValueAndAnUnknownTopicConfigAreReportedAtTheirLines() {
    ConfigReport report = ConfigCheck.check(DIR.resolve("bad.conf"));
    Map<String, Integer> lines = new TreeMap<>();
    report.problems().forEach(p -> lines.put(p.path(), p.line()));
    assertEquals(Map.of(
        "telemetry.kafka.topics.partitons", 5,
        "telemetry.kafka.topics.replication-factor", 6,
        "telemetry.kafka.topics.configs.retention.msec", 7), lines, String.join("\n", report.lines()));
    assertTrue(report.problems().stream().anyMatch(p -> p.message().contains("did you mean \"partitions\"")),
        String.join("\n", report.lines()));
  }
}
