package io.telemetry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.telemetry.host.TelemetryCli;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.it.support.Await;
import io.telemetry.simulate.FleetSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One node with management HTTP, a simulated fleet and the real broker: {@code telemetry cluster
 * status} and {@code GET /telemetry/cluster} count every device on the node, and
 * {@code telemetry cluster leave NODE} makes the node leave the cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOperationsIT {

  private static final int DEVICES = 6;
  private static final String NODE_ID = "local-node"; // LocalStack's node id

  @TempDir
  static Path workDir;

  static LocalStack stack;
  static String management;

  @BeforeAll
  static void startNodeWithManagement() throws Exception {
    int port = freePort();
    stack = LocalStack.start(workDir, FleetSpec.of(DEVICES).withInterfaces(2), Duration.ofSeconds(1),
        ConfigFactory.parseMap(Map.of(
            "pekko.management.http.hostname", "127.0.0.1",
            "pekko.management.http.port", port,
            "telemetry.management.port", port)));
    // Starts the management HTTP server, or, when the node already started it, returns its URL.
    management = PekkoManagement.get(stack.node().system()).start()
        .toCompletableFuture().get(30, TimeUnit.SECONDS).toString();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void statusCountsEveryDeviceOnTheNode() throws Exception {
    Await.until("the management route to count " + DEVICES + " devices on the node", Duration.ofSeconds(60),
        () -> devicesOnSelf(clusterJson()) == DEVICES, () -> clusterJson().toString());

    JsonNode json = clusterJson();
    String self = stack.node().system().address().toString();
    assertEquals(self, json.get("self").asText());
    assertEquals("device", json.get("entityType").asText());
    assertTrue(json.get("shardStatsError").isNull(), json.toString());
    assertEquals(1, json.get("members").size());
    JsonNode member = json.get("members").get(0);
    assertEquals(self, member.get("address").asText());
    assertEquals(NODE_ID, member.get("nodeId").asText(), "this node's id, from the node-id directory");
    assertEquals("Up", member.get("status").asText());
    assertTrue(member.get("reachable").asBoolean());
    int shards = member.get("shards").asInt();
    assertTrue(shards >= 1 && shards <= DEVICES, "shards " + shards);

    Cli status = cli("cluster", "status", "--management", management);
    assertEquals(0, status.exit(), status.err());
    Pattern row = Pattern.compile("(?m)^" + NODE_ID + "\\s+" + Pattern.quote(self) + "\\s+\\S+\\s+Up\\s+yes\\s+"
        + shards + "\\s+" + DEVICES + "$");
    assertTrue(row.matcher(status.out()).find(), status.out());
    assertTrue(Pattern.compile("(?m)^TOTAL\\s+1 members\\s+" + shards + "\\s+" + DEVICES + "$")
        .matcher(status.out()).find(), status.out());
  }

  @Test
  @Order(2)
  void leaveMakesTheNodeLeave() {
    Cli leave = cli("cluster", "leave", NODE_ID, "--management", management);
    assertEquals(0, leave.exit(), leave.err());
    assertTrue(leave.out().contains("(" + NODE_ID + ") to leave"), leave.out());

    Set<MemberStatus> leaving = Set.of(MemberStatus.leaving(), MemberStatus.exiting(), MemberStatus.removed());
    Await.until("the node to leave (Leaving, Exiting, Removed or terminated)", Duration.ofSeconds(60),
        () -> stack.node().system().whenTerminated().isCompleted()
            || leaving.contains(Cluster.get(stack.node().system()).selfMember().status()));
    // A one-node cluster that the node leaves is gone: the node shuts itself down.
    Await.until("the node's actor system to terminate after leaving", Duration.ofSeconds(90),
        () -> stack.node().system().whenTerminated().isCompleted());
  }

  @Test
  @Order(3)
  void anUnreachableManagementUrlIsNamed() throws IOException {
    String url = "http://127.0.0.1:" + freePort();
    Cli status = cli("cluster", "status", "--management", url);
    assertEquals(1, status.exit());
    assertTrue(status.err().contains(url + "/telemetry/cluster"), status.err());
  }

  private record Cli(int exit, String out, String err) {}

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new TelemetryCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  private static JsonNode clusterJson() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(management + "/telemetry/cluster")).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      return new ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + management + "/telemetry/cluster failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Devices the answering node reports for itself, or -1 while unknown. */
  private static int devicesOnSelf(JsonNode json) {
    for (JsonNode member : json.get("members")) {
      if (member.get("address").asText().equals(json.get("self").asText())) {
        return member.get("devices").isNull() ? -1 : member.get("devices").asInt();
      }
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
