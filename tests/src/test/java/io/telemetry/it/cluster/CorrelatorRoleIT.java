package io.telemetry.it.cluster;

import static io.telemetry.it.support.MetricsScrape.scrape;
import static io.telemetry.it.support.MetricsScrape.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.runtime.EventJsonCodec;
import io.telemetry.host.demo.FleetTargets;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.inventory.Target;
import io.telemetry.it.correlation.GaugeAboveRuleType;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.CapturedLogs;
import io.telemetry.it.support.TopicReader;
import io.telemetry.selfmetrics.SelfMetrics;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import io.telemetry.sink.kafka.SampleProducerRecords;
import io.telemetry.testsupport.PrometheusTextParser.Family;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles: a collector-only node polls a simulated fleet into Kafka; a correlator-only node in the
 * same cluster runs a correlation rule on those records and publishes events. The correlator
 * node starts no pipeline and polls no device: every record carries the collector's node id.
 */
class CorrelatorRoleIT {

  private static final int DEVICES = 4;
  private static final String RULE = "re-cpu";
  private static final String METRIC_TOPIC = "telemetry.metrics.route_engine";
  private static final String EVENT_TOPIC = "telemetry.events." + RULE;

  @TempDir
  Path workDir;

  @Test
  void aCorrelatorNodeRaisesEventsFromACollectorNodesRecords() throws Exception {
    try (LocalStack stack = LocalStack.startWithoutNode(workDir, FleetSpec.of(DEVICES).withInterfaces(1))) {
      String bootstrap = stack.broker().bootstrapServers();
      // The rule's input topic must exist before it starts (create-missing-input-topics = off).
      stack.broker().createTopics(JunosNetconfCollectorFactory.FAMILIES.stream().map(f -> "telemetry.metrics." + f)
          .toArray(String[]::new));
      List<Target> targets = stack.fleet().targets(Duration.ofSeconds(1), Duration.ofSeconds(10));
      TelemetryNode collector = stack.startNode(targets, ConfigFactory.parseString(
          "telemetry.node-id = collector-1\ntelemetry.cluster.roles = [collector]"));
      String seed = Cluster.get(collector.system()).selfMember().address().toString();

      CapturedLogs selfMetricsLogs = new CapturedLogs(SelfMetrics.class);
      TelemetryNode correlator = TelemetryNode.start(TelemetryConfig.load(Optional.empty(),
          correlatorConfig(bootstrap, seed, freePort(), workDir.resolve("correlator-overlay"))
              .withFallback(FleetTargets.asConfig(targets))));
      try {
        assertNull(correlator.pipeline(), "a node without the collector role runs no pipeline");
        assertNull(correlator.metrics());
        assertNotNull(correlator.devices(), "it still has a sharding proxy to the devices");

        // Threshold below any CPU reading: each device's first route-engine record raises its event.
        List<CorrelatedEvent> events = decode(TopicReader.readUntil(bootstrap, List.of(EVENT_TOPIC),
            records -> devices(decode(records)).size() == DEVICES, Duration.ofSeconds(120)));
        Set<String> expected = stack.fleet().devices().stream().map(SimulatedDevice::id)
            .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, devices(events));
        assertTrue(events.stream().allMatch(e -> e.ruleType().equals(GaugeAboveRuleType.NAME)), events.toString());

        List<ConsumerRecord<String, byte[]>> metrics = TopicReader.readUntil(bootstrap, List.of(METRIC_TOPIC),
            records -> !records.isEmpty(), Duration.ofSeconds(30));
        Set<String> pollers = metrics.stream().map(CorrelatorRoleIT::node).collect(Collectors.toSet());
        assertEquals(Set.of("collector-1"), pollers, "only the collector polls");

        // Its GET /metrics: the rule's counts and consumer lag, JVM figures, no pipeline figures.
        URI metricsUri = URI.create(PekkoManagement.get(correlator.system()).start().toCompletableFuture()
            .get(30, TimeUnit.SECONDS).toString().replaceAll("/$", "") + "/metrics");
        Map<String, String> rule = Map.of("rule", RULE);
        Await.until("the rule's records and consumer lag on the correlator's /metrics", Duration.ofSeconds(30), () -> {
          Map<String, Family> now = scrape(metricsUri);
          return value(now, "telemetry_correlation_consumed_total", rule).orElse(0.0) >= DEVICES
              && value(now, "telemetry_correlation_consumer_lag_records", rule).isPresent();
        });
        Map<String, Family> families = scrape(metricsUri);
        assertEquals("gauge", families.get("telemetry_correlation_consumer_lag_records").type());
        assertTrue(value(families, "telemetry_correlation_consumer_lag_records", rule).orElseThrow() >= 0);
        assertTrue(value(families, "telemetry_jvm_heap_used_bytes", Map.of()).orElseThrow() > 0);
        assertNull(families.get("telemetry_device_polls_total"), "a node without a pipeline has no pipeline figures");
        assertEquals(List.of(), selfMetricsLogs.messages(), "every metrics source of the correlator answers");
      } finally {
        selfMetricsLogs.close();
        correlator.close();
        collector.close();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** @param overlayDir its own folder: the collector's stack holds its own (LocalStack) */
  private static Config correlatorConfig(String bootstrap, String seed, int managementPort, Path overlayDir) {
    return ConfigFactory.parseString("""
        pekko.management.http { hostname = "127.0.0.1", port = %d }
        telemetry.node-id = correlator-1
        telemetry.cluster.roles = [correlator]
        telemetry.kafka.bootstrap-servers = "%s"
        pekko.cluster.seed-nodes = ["%s"]
        pekko.remote.artery.canonical.port = 0
        telemetry.management.port = 0
        telemetry.inventory.overlay-dir = "%s"
        telemetry.correlation {
          metrics-log-interval = 1s
          rule-types.gauge-above {
            class = "%s"
            defaults { gauge = "cpu_idle", family = "route_engine", quiet = 0s, severity = "minor" }
          }
          rules."%s" { type = gauge-above, threshold = -1, severity = major }
        }
        """.formatted(managementPort, bootstrap, seed, overlayDir.toAbsolutePath(), GaugeAboveRuleType.class.getName(),
            RULE));
  }

  private static List<CorrelatedEvent> decode(List<ConsumerRecord<String, byte[]>> records) {
    EventJsonCodec codec = new EventJsonCodec();
    return records.stream().map(r -> codec.decode(r.value())).toList();
  }

  private static Set<String> devices(List<CorrelatedEvent> events) {
    return events.stream().map(CorrelatedEvent::device).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String node(ConsumerRecord<String, byte[]> r) {
    Header header = r.headers().lastHeader(SampleProducerRecords.NODE_HEADER);
    return header == null ? "(none)" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
