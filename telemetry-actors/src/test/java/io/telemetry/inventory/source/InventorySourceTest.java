package io.telemetry.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.testsupport.RecordingHttpServer;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventorySourceTest {

  private static final String INVENTORY = "[{\"ip_address\": \"10.1.2.3\", \"hostgroup\": \"payments-api\"}]";

  @TempDir
  Path dir;

  @Test
  void locationsAreFilesOrHttpUrls() {
    assertEquals(Path.of("/etc/telemetry/inventory.json"),
        assertInstanceOf(FileInventorySource.class, InventorySource.of("file:/etc/telemetry/inventory.json")).file());
    assertEquals(Path.of("/etc/inventory.json"),
        assertInstanceOf(FileInventorySource.class, InventorySource.of("file:///etc/inventory.json")).file());
    assertInstanceOf(HttpInventorySource.class, InventorySource.of("http://cmdb.example.net/hosts"));
    assertInstanceOf(HttpInventorySource.class, InventorySource.of("HTTPS://cmdb.example.net/hosts?format=ndjson"));
  }

  @Test
  void otherLocationsAreRefusedSayingWhy() {
    assertTrue(refused("/etc/inventory.json").contains("must start with file:/"));
    assertTrue(refused("file:inventory.json").contains("must be file:/absolute/path"));
    assertTrue(refused("file://otherhost/inventory.json").contains("must be file:/absolute/path"));
    assertTrue(refused("ftp://cmdb.example.net/hosts").contains("must start with file:/"));
    assertTrue(refused("http:///hosts").contains("has no host"));
    assertTrue(refused("http://cmdb example/").contains("is not a URI"));
  }

  @Test
  void aFileIsReadWholeEachTime() throws Exception {
    Path file = dir.resolve("inventory.json");
    Files.writeString(file, INVENTORY);
    InventorySource source = InventorySource.of("file:" + file);
    assertEquals("file:" + file, source.describe());
    assertEquals(INVENTORY, source.fetch(Duration.ofSeconds(1)));
    Files.writeString(file, "[]");
    assertEquals("[]", source.fetch(Duration.ofSeconds(1)));
  }

  @Test
  void aMissingFileIsNamed() {
    InventorySource source = InventorySource.of("file:" + dir.resolve("missing.json"));
    InventoryException e = assertThrows(InventoryException.class, () -> source.fetch(Duration.ofSeconds(1)));
    assertEquals("file:" + dir.resolve("missing.json") + ": no such file", e.getMessage());
  }

  @Test
  void anHttpUrlIsFetchedWithOneGet() throws Exception {
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> Reply.of(200, INVENTORY))) {
      InventorySource source = InventorySource.of(server.uri() + "/inventory?token=secret");
      assertEquals(INVENTORY, source.fetch(Duration.ofSeconds(5)));
      RecordingHttpServer.Request request = server.requests().get(0);
      assertEquals("GET", request.method());
      assertEquals("/inventory", request.path());
      assertEquals("secret", request.query().get("token"));
      assertTrue(request.header("accept").orElse("").contains("application/json"));
      // The query may carry a token: logs name the URL without it.
      assertEquals(server.uri() + "/inventory", source.describe());
    }
  }

  @Test
  void anHttpErrorNamesTheUrlAndStatus() throws Exception {
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> Reply.of(503, "{\"error\":\"cmdb is down\"}"))) {
      InventorySource source = InventorySource.of(server.uri() + "/inventory");
      InventoryException e = assertThrows(InventoryException.class, () -> source.fetch(Duration.ofSeconds(5)));
      assertEquals(server.uri() + "/inventory: HTTP 503: {\"error\":\"cmdb is down\"}", e.getMessage());
    }
  }

  @Test
  void aSlowServerTimesOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> {
      release.await();
      return Reply.of(200, INVENTORY);
    })) {
      InventorySource source = InventorySource.of(server.uri() + "/inventory");
      InventoryException e = assertThrows(InventoryException.class, () -> source.fetch(Duration.ofMillis(300)));
      assertEquals(server.uri() + "/inventory: no reply within PT0.3S", e.getMessage());
    } finally {
      release.countDown();
    }
  }

  @Test
  void anUnreachableServerIsNamed() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    InventorySource source = InventorySource.of("http://127.0.0.1:" + port + "/inventory");
    InventoryException e = assertThrows(InventoryException.class, () -> source.fetch(Duration.ofSeconds(5)));
    assertTrue(e.getMessage().startsWith("http://127.0.0.1:" + port + "/inventory: request failed: "), e.getMessage());
  }

  private static String refused(String location) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InventorySource.of(location));
    assertTrue(e.getMessage().contains(location), e.getMessage());
    return Optional.ofNullable(e.getMessage()).orElse("");
  }
}
