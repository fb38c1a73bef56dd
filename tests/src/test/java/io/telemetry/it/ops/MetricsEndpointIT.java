package io.telemetry.it.ops;

import static io.telemetry.it.support.MetricsScrape.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.typesafe.config.ConfigFactory;
import io.telemetry.device.DeviceActor;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.CapturedLogs;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.MetricsScrape;
import io.telemetry.it.support.TopicReader;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.testsupport.PrometheusTextParser;
import io.telemetry.testsupport.PrometheusTextParser.Family;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node polling three simulated devices (one with a wrong password) with the real broker:
 * {@code GET /metrics} on its management port parses as Prometheus text and its counters move as
 * the devices are polled; a failing device's log lines carry it in the MDC; the same figures
 * arrive in Kafka as {@code telemetry_internal} samples of the node.
 */
class MetricsEndpointIT {

  /** The fleet's first device (polled) and its last (configured with a wrong password). */
  private static String HEALTHY;
  private static String WRONG_PASSWORD;
  private static final int DEVICES = 3;
  private static final String NODE = "local-node";

  @TempDir
  static Path workDir;

  static LocalStack stack;
  static URI metricsUri;
  static CapturedLogs deviceLogs;

  @BeforeAll
  static void startNode() throws Exception {
    deviceLogs = new CapturedLogs(DeviceActor.class);
    stack = LocalStack.startWithoutNode(workDir, FleetSpec.of(DEVICES).withInterfaces(2));
    List<String> ids = stack.fleet().devices().stream().map(io.telemetry.simulate.SimulatedDevice::id).sorted().toList();
    HEALTHY = ids.get(0);
    WRONG_PASSWORD = ids.get(ids.size() - 1);
    List<Target> targets = stack.fleet().targets(Duration.ofSeconds(1), Duration.ofSeconds(5)).stream()
        .map(t -> t.id().equals(WRONG_PASSWORD) ? withPassword(t, "not-the-password") : t)
        .toList();
    int port = freePort();
    stack.startNode(targets, ConfigFactory.parseMap(Map.of(
        "pekko.management.http.hostname", "127.0.0.1",
        "pekko.management.http.port", port,
        "telemetry.management.port", port,
        "telemetry.self-metrics.internal-measurement", true,
        "telemetry.self-metrics.interval", "1s",
        "telemetry.device.reconnect-backoff-min", "200ms",
        "telemetry.device.reconnect-backoff-max", "1s")));
    // Starts the management HTTP server, or, when the node already started it, returns its URL.
    String management = PekkoManagement.get(stack.node().system()).start()
        .toCompletableFuture().get(30, TimeUnit.SECONDS).toString();
    metricsUri = URI.create(management.replaceAll("/$", "") + "/metrics");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (deviceLogs != null) {
      deviceLogs.close();
    }
  }

  @Test
  void metricsParseAsPrometheusTextAndMoveAsDevicesArePolled() throws Exception {
    Await.until(HEALTHY + " polled at least once", Duration.ofSeconds(30),
        () -> value(scrape(), "telemetry_device_polls_total", Map.of("device", HEALTHY)).orElse(0.0) >= 1);
    Map<String, Family> before = scrape();
    double polls = value(before, "telemetry_device_polls_total", Map.of("device", HEALTHY)).orElseThrow();
    double polledDurations = value(before, "telemetry_poll_duration_seconds_count", Map.of("collector", "junos-netconf"))
        .orElseThrow();

    // Polled every second: within a few seconds the counters must have moved on.
    Await.until(HEALTHY + "'s polls and deliveries counted further", Duration.ofSeconds(20), () -> {
      Map<String, Family> now = scrape();
      return value(now, "telemetry_device_polls_total", Map.of("device", HEALTHY)).orElse(0.0) >= polls + 2
          && value(now, "telemetry_device_delivered_samples_total", Map.of("device", HEALTHY)).orElse(0.0) > 0
          && value(now, "telemetry_poll_duration_seconds_count", Map.of("collector", "junos-netconf")).orElse(0.0)
              >= polledDurations + 2
          && value(now, "telemetry_device_errors_total", Map.of("device", WRONG_PASSWORD)).orElse(0.0) >= 2;
    });

    Map<String, Family> after = scrape();
    assertEquals("counter", after.get("telemetry_device_polls_total").type());
    assertEquals("histogram", after.get("telemetry_poll_duration_seconds").type());
    assertEquals(0.0, value(after, "telemetry_device_errors_total", Map.of("device", HEALTHY)).orElseThrow(),
        "the healthy device has no errors");
    assertEquals(0.0, value(after, "telemetry_device_polls_total", Map.of("device", WRONG_PASSWORD)).orElse(0.0),
        "the device that cannot log in is never polled");
    assertTrue(value(after, "telemetry_sink_buffer_depth", Map.of("sink", "kafka")).isPresent(), "kafka sink depth");
    assertTrue(value(after, "telemetry_sink_retries_total", Map.of("sink", "kafka")).isPresent(), "kafka retries");
    assertEquals(DEVICES, value(after, "telemetry_entities", Map.of("entity_type", "device")).orElseThrow(),
        "every device runs as an entity on this (only) node");
    assertTrue(value(after, "telemetry_shards", Map.of("entity_type", "device")).orElseThrow() >= 1);
    assertTrue(value(after, "telemetry_jvm_heap_used_bytes", Map.of()).orElseThrow() > 0);
    assertFalse(after.get("telemetry_jvm_gc_collections_total").samples().isEmpty(), "GC per collector");
    for (Family family : after.values()) {
      assertTrue(family.name().startsWith("telemetry_"), family.name());
      assertFalse(family.help().isBlank(), family.name() + " has help");
    }
  }

  @Test
  void aFailingDevicesLogLinesNameItInTheMdc() {
    Await.until("a log line about " + WRONG_PASSWORD, Duration.ofSeconds(30),
        () -> deviceLogs.events().stream().anyMatch(e -> e.getFormattedMessage().startsWith("device " + WRONG_PASSWORD + ":")));
    List<ILoggingEvent> aboutIt = deviceLogs.events().stream()
        .filter(e -> e.getFormattedMessage().startsWith("device " + WRONG_PASSWORD + ":")).toList();
    for (ILoggingEvent event : aboutIt) {
      assertEquals(WRONG_PASSWORD, event.getMDCPropertyMap().get("device"), event.getFormattedMessage());
    }
    assertTrue(aboutIt.stream().anyMatch(e -> e.getLevel() == Level.ERROR), "the failure is logged as an error");
    // Lines about other devices carry theirs, never the failing one's.
    deviceLogs.events().stream().filter(e -> !e.getFormattedMessage().startsWith("device " + WRONG_PASSWORD + ":"))
        .forEach(e -> assertTrue(e.getFormattedMessage().startsWith("device " + e.getMDCPropertyMap().get("device") + ":"),
            e.getFormattedMessage() + " " + e.getMDCPropertyMap()));
  }

  @Test
  void theNodesFiguresArriveInKafkaAsTelemetryInternal() {
    List<Decoded> records = DecodedRecords.decode(TopicReader.readUntil(stack.broker().bootstrapServers(),
        List.of("telemetry.metrics.telemetry_internal"),
        rs -> DecodedRecords.decode(rs).stream().anyMatch(r -> HEALTHY.equals(r.sample().tags().get("target"))
            && r.sample().gauges().getOrDefault("device_polls_total", 0.0) >= 1),
        Duration.ofSeconds(30)));
    for (Decoded r : records) {
      assertEquals(NODE, r.key(), "keyed by the node id");
      assertEquals(NODE, r.sample().device());
      assertEquals("telemetry_internal", r.sample().family());
      assertFalse(r.sample().tags().containsKey("device"), "the polled device is the tag target");
    }
    assertTrue(records.stream().anyMatch(r -> r.sample().tags().isEmpty()
        && r.sample().gauges().getOrDefault("jvm_heap_used_bytes", 0.0) > 0), "JVM figures of the node");
    assertTrue(records.stream().anyMatch(r -> "kafka".equals(r.sample().tags().get("sink"))
        && r.sample().gauges().containsKey("sink_buffer_depth")), "sink figures");
  }

  private static Map<String, Family> scrape() {
    HttpResponse<String> response = MetricsScrape.get(metricsUri);
    assertEquals("text/plain; version=0.0.4; charset=UTF-8",
        response.headers().firstValue("Content-Type").orElse(""), "content type");
    return PrometheusTextParser.parse(response.body());
  }

  private static Target withPassword(Target t, String password) {
    return t.withCredentials(Credentials.password(t.credentials().username(), password));
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
