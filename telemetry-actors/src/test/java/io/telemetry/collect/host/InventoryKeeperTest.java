package io.telemetry.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.telemetry.inventory.source.InventorySource;
import io.telemetry.testsupport.MutableClock;
import io.telemetry.testsupport.RecordingHttpServer;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class InventoryKeeperTest {

  private static final Instant START = Instant.parse("2024-05-06T07:00:00Z");
  private static final Duration REFRESH = Duration.ofMinutes(5);
  private static final IpAddress PAYMENTS = IpAddress.parse("10.1.2.3").orElseThrow();

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(START);
  private final Logger logger = (Logger) LoggerFactory.getLogger(InventoryKeeper.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
  }

  @Test
  void loadsAtFirstUseThenOnlyEveryRefreshInterval() throws Exception {
    Path file = write("payments-api");
    InventoryKeeper keeper = keeper(file);
    assertEquals(hostgroup("payments-api"), keeper.current().lookup(PAYMENTS));
    assertEquals(1, keeper.loads());
    assertEquals(Optional.of(START), keeper.loadedAt());

    write("payments-v2");
    clock.advance(REFRESH.minusSeconds(1));
    assertEquals(hostgroup("payments-api"), keeper.current().lookup(PAYMENTS), "not due yet");
    assertEquals(1, keeper.loads());

    clock.advance(Duration.ofSeconds(1));
    assertEquals(hostgroup("payments-v2"), keeper.current().lookup(PAYMENTS), "due: reloaded");
    assertEquals(2, keeper.loads());
    assertEquals(0, keeper.failures());
  }

  @Test
  void aFailedRefreshKeepsTheLastInventoryIsCountedLoggedAndRetriedSooner() throws Exception {
    Path file = write("payments-api");
    InventoryKeeper keeper = keeper(file);
    keeper.current();

    Files.writeString(file, "{\"ip_address\": \"10.1.2.3\", \"hostgroup\": \"payments-api\"}\n{broken");
    clock.advance(REFRESH);
    assertEquals(hostgroup("payments-api"), keeper.current().lookup(PAYMENTS), "the last known inventory stays");
    assertEquals(1, keeper.failures());
    assertEquals(Optional.of(START), keeper.loadedAt());
    List<String> warnings = warnings();
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("device node-host: inventory refresh failed (keeping the one loaded at "
        + START + " (1 entries)), retrying in PT30S: file:" + file + " line 2: not valid JSON"), warnings.get(0));

    clock.advance(InventoryKeeper.RETRY_AFTER_FAILURE.minusSeconds(1));
    keeper.current();
    assertEquals(1, keeper.failures(), "no retry before the retry delay");

    write("payments-v2");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(hostgroup("payments-v2"), keeper.current().lookup(PAYMENTS), "retried after the delay");
    assertEquals(2, keeper.loads());
    assertEquals(1, keeper.failures());
    assertTrue(messages().get(messages().size() - 1).startsWith("device node-host: inventory file:" + file + " loaded"));
  }

  @Test
  void withoutAFirstInventoryPeersStayUnnamedUntilOneLoads() throws Exception {
    Path file = dir.resolve("later.json");
    InventoryKeeper keeper = keeper(file);
    assertEquals(Optional.empty(), keeper.current().lookup(PAYMENTS));
    assertEquals(1, keeper.failures());
    assertEquals(Optional.empty(), keeper.loadedAt());
    assertTrue(warnings().get(0).contains("no inventory loaded yet"), warnings().toString());
    assertTrue(warnings().get(0).endsWith("file:" + file + ": no such file"), warnings().toString());

    Files.move(write("payments-api"), file);
    clock.advance(InventoryKeeper.RETRY_AFTER_FAILURE);
    assertEquals(hostgroup("payments-api"), keeper.current().lookup(PAYMENTS));
  }

  @Test
  void aShortRefreshIntervalIsAlsoTheRetryDelay() throws Exception {
    InventoryKeeper keeper = new InventoryKeeper("node-host",
        Optional.of(InventorySource.of("file:" + dir.resolve("missing.json"))), Duration.ofSeconds(5),
        Duration.ofSeconds(1), clock);
    keeper.current();
    clock.advance(Duration.ofSeconds(5));
    keeper.current();
    assertEquals(2, keeper.failures());
  }

  @Test
  void refreshesFromAnHttpUrlAndKeepsTheLastOnAServerError() throws Exception {
    AtomicReference<Reply> reply = new AtomicReference<>(
        Reply.of(200, "[{\"ip_address\": \"10.0.0.0/8\", \"hostgroup\": \"datacenter\"}]"));
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> reply.get())) {
      InventoryKeeper keeper = new InventoryKeeper("node-host",
          Optional.of(InventorySource.of(server.uri() + "/inventory")), REFRESH, Duration.ofSeconds(5), clock);
      assertEquals(hostgroup("datacenter"), keeper.current().lookup(PAYMENTS));

      reply.set(Reply.of(500, "boom"));
      clock.advance(REFRESH);
      assertEquals(hostgroup("datacenter"), keeper.current().lookup(PAYMENTS));
      assertEquals(1, keeper.failures());
      assertTrue(messages().get(messages().size() - 1).endsWith(server.uri() + "/inventory: HTTP 500: boom"),
          messages().toString());

      reply.set(Reply.of(200, "{\"ip_address\": \"10.1.2.3\", \"hostgroup\": \"payments-api\"}\n"));
      clock.advance(InventoryKeeper.RETRY_AFTER_FAILURE);
      assertEquals(hostgroup("payments-api"), keeper.current().lookup(PAYMENTS));
      assertEquals(3, server.requests().size());
    }
  }

  @Test
  void withoutASourceTheInventoryIsEmpty() {
    InventoryKeeper keeper = new InventoryKeeper("node-host", Optional.empty(), REFRESH, Duration.ofSeconds(1), clock);
    assertEquals(0, keeper.current().size());
    assertEquals(0, keeper.loads());
    assertEquals(0, keeper.failures());
  }

  private InventoryKeeper keeper(Path file) {
    return new InventoryKeeper("node-host", Optional.of(InventorySource.of("file:" + file)), REFRESH,
        Duration.ofSeconds(1), clock);
  }

  private Path write(String hostgroup) throws Exception {
    Path file = dir.resolve("inventory.json");
    Files.writeString(file, "[{\"ip_address\": \"10.1.2.3\", \"hostgroup\": \"" + hostgroup + "\"}]");
    return file;
  }

  private static Optional<HostInfo> hostgroup(String hostgroup) {
    return Optional.of(new HostInfo(hostgroup, ""));
  }

  private List<String> warnings() {
    return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
  }

  private List<String> messages() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
