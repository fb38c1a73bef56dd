package io.telemetry.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.runtime.EventJsonCodec;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.inventory.Target;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.ChromiumInstalled;
import io.telemetry.simulate.FleetSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser: one node with management HTTP, simulated devices and the
 * real broker, one correlated event on an event topic; headless chromium renders
 * {@code GET /status} (whose script fetches {@code /telemetry/status}) and the rendered DOM shows
 * every device, the node as a member, its sinks and the event. A screenshot is saved under
 * {@code target/status-page/}.
 */
class StatusPageIT {

  private static final int DEVICES = 4;
  private static final String NODE_ID = "local-node"; // LocalStack's node id
  private static final String EVENT_TOPIC = "telemetry.events.status-page-it";
  private static final Duration BUDGET = Duration.ofSeconds(5);

  @TempDir
  static Path workDir;

  static Path chromiumExecutable;
  static LocalStack stack;
  static String management;
  static List<String> deviceIds;
  static CorrelatedEvent event;

  @BeforeAll
  static void startNode() throws Exception {
    chromiumExecutable = ChromiumInstalled.require();
    int port = freePort();
    stack = LocalStack.start(workDir, FleetSpec.of(DEVICES).withInterfaces(2), Duration.ofSeconds(1),
        ConfigFactory.parseMap(Map.of(
            "pekko.management.http.hostname", "127.0.0.1",
            "pekko.management.http.port", port,
            "telemetry.management.port", port,
            "telemetry.status.events.topic-discovery", "1s")));
    management = PekkoManagement.get(stack.node().system()).start()
        .toCompletableFuture().get(30, TimeUnit.SECONDS).toString();
    deviceIds = stack.node().targets().stream().map(Target::id).sorted().toList();
    assertEquals(DEVICES, deviceIds.size());
    event = new CorrelatedEvent("status-page-it", "interface-flap", deviceIds.get(0) + "|ge-0/0/1",
        EventState.RAISED, "major", deviceIds.get(0), "ge-0/0/1", Instant.now().truncatedTo(ChronoUnit.SECONDS),
        null, "ge-0/0/1 on " + deviceIds.get(0) + " flapped 5 times in 60s (status page test)", List.of(), Map.of());
    publish(event);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theBrowserShowsEveryDeviceTheNodeItsSinksAndTheEvent() throws Exception {
    // The page must have something to show: every device polled and delivered, the event read.
    Await.until("GET /telemetry/status to show " + DEVICES + " polled devices and the event", Duration.ofSeconds(45),
        () -> ready(statusJson()), () -> statusJson().toPrettyString());

    HeadlessChromium chromium = new HeadlessChromium(chromiumExecutable, workDir);
    String dom = chromium.dumpDom(management + "/status", BUDGET);

    assertEquals(new TreeSet<>(deviceIds), rowKeys(section(dom, "devices-body"), "data-device"), dom);
    for (String id : deviceIds) {
      String row = row(section(dom, "devices-body"), "data-device", id);
      assertTrue(row.contains(">" + NODE_ID + "<"), "device " + id + " on node " + NODE_ID + ": " + row);
      assertTrue(row.contains("status status-ok"), "device " + id + " shows ok: " + row);
    }
    String self = stack.node().system().address().toString();
    String member = row(section(dom, "members-body"), "data-address", self);
    assertTrue(member.contains(">" + NODE_ID + "<") && member.contains(">Up<"), member);
    assertTrue(section(dom, "sinks-body").contains(">kafka<"), "the kafka sink's health: " + dom);
    String events = section(dom, "events-body");
    assertTrue(events.contains(event.summary()) && events.contains("data-event-id=\"" + event.eventId() + "\""), dom);
    assertTrue(dom.contains("<p id=\"events-empty\" class=\"muted\" hidden=\"\">"), "the 'no events' line is hidden: " + dom);

    // /status?filter=... opens the page filtered: only the matching device is listed.
    String one = deviceIds.get(DEVICES - 1);
    String filtered = chromium.dumpDom(management + "/status?filter=" + one, BUDGET);
    assertEquals(Set.of(one), rowKeys(section(filtered, "devices-body"), "data-device"), filtered);

    Path screenshot = Path.of("target", "status-page", "status-page.png").toAbsolutePath();
    chromium.screenshot(management + "/status", BUDGET, screenshot);
    byte[] png = Files.readAllBytes(screenshot);
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG at " + screenshot);
    System.out.println("status page screenshot: " + screenshot);
  }

  private static boolean ready(JsonNode status) {
    JsonNode devices = status.get("devices");
    if (devices == null || devices.size() != DEVICES) {
      return false;
    }
    for (JsonNode d : devices) {
      if (!"ok".equals(d.get("status").asText()) || d.get("samplesDelivered").asLong() == 0) {
        return false;
      }
    }
    for (JsonNode e : status.get("events")) {
      if (event.eventId().equals(e.get("eventId").asText())) {
        return true;
      }
    }
    return false;
  }

  private static String section(String dom, String tbodyId) {
    Matcher m = Pattern.compile("<tbody id=\"" + tbodyId + "\">(.*?)</tbody>", Pattern.DOTALL).matcher(dom);
    assertTrue(m.find(), "no tbody " + tbodyId + " in the rendered page: " + dom);
    return m.group(1);
  }

  private static Set<String> rowKeys(String tbody, String attribute) {
    Set<String> keys = new TreeSet<>();
    Matcher m = Pattern.compile("<tr[^>]* " + attribute + "=\"([^\"]*)\"").matcher(tbody);
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  private static String row(String tbody, String attribute, String key) {
    Matcher m = Pattern.compile("<tr[^>]* " + attribute + "=\"" + Pattern.quote(key) + "\"[^>]*>(.*?)</tr>",
        Pattern.DOTALL).matcher(tbody);
    assertTrue(m.find(), "no row " + attribute + "=" + key + " in " + tbody);
    return m.group(1);
  }

  private static void publish(CorrelatedEvent event) throws Exception {
    String bootstrap = stack.broker().bootstrapServers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(EVENT_TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(EVENT_TOPIC, event.key(), new EventJsonCodec().encode(event)))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static JsonNode statusJson() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(management + "/telemetry/status")).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return new ObjectMapper().createObjectNode().put("httpStatus", response.statusCode()).put("body", response.body());
      }
      return new ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + management + "/telemetry/status failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
