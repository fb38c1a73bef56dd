package io.telemetry.collect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.PollResult;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.collect.ssh.SshDeviceSession;
import io.telemetry.collect.ssh.SshSettings;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cli collector over real SSH exec channels (MINA client and server): one connection carries
 * every command, only the command's channel is closed, and every failure names device and command.
 */
class CliCollectorSshTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final String XML = "show interfaces extensive | display xml";
  private static final String JSON = "show chassis routing-engine | display json";
  private static final String KV = "show counters";
  private static final String REGEX_BLOCK = "{ command = \"" + KV + "\", format = regex, family = counters,"
      + " pattern = \"(?m)^(?<name>\\\\w+)=(?<value>\\\\d+)$\", tags { name = name }, counters { value = value } }";

  @TempDir Path dir;
  private ScriptedSshDevice device;
  private SshConnector connector;
  private SshDeviceSession session;

  @BeforeEach
  void start() throws Exception {
    device = new ScriptedSshDevice(dir)
        .prints(XML, CliTestFiles.read("interfaces-extensive.xml"))
        .prints(JSON, CliTestFiles.read("routing-engine.json"))
        .prints(KV, "alpha=1\nbeta=2\n");
    connector = new SshConnector(new SshSettings(dir.resolve("known_hosts"), true, Duration.ofSeconds(5),
        Duration.ofSeconds(5), Duration.ofSeconds(15)));
  }

  @AfterEach
  void stop() throws Exception {
    if (session != null) {
      session.close();
    }
    connector.close();
    device.close();
  }

  private CliCollector collector(String commands, Duration timeout) throws CollectException {
    Target target = new Target("cli-r1", "127.0.0.1", device.port(),
        Credentials.password(ScriptedSshDevice.USER, ScriptedSshDevice.PASSWORD),
        List.of(new CollectorSpec("cli", Duration.ofSeconds(30), ConfigFactory.parseString(commands), "c")),
        timeout, Map.of());
    session = new SshDeviceSession(connector, target);
    CliCollector collector = new CliCollector(target, CliSettings.from(target.collectors().get(0)),
        Clock.fixed(NOW, ZoneOffset.UTC));
    collector.open(session);
    return collector;
  }

  @Test
  void everyCommandRunsOnItsOwnChannelOfOneConnection() throws Exception {
    CliCollector collector = collector("commands = [ { command = \"" + XML + "\", format = junos-xml },"
        + " { command = \"" + JSON + "\", format = junos-json }, " + REGEX_BLOCK + " ]", Duration.ofSeconds(5));
    for (int poll = 0; poll < 3; poll++) {
      PollResult result = collector.poll(NOW);
      assertEquals(3 + 2 + 2, result.samples().size(), "3 interfaces, 2 routing engines, 2 key-value records");
      assertEquals(600169L, result.deviceUptimeSeconds().orElseThrow());
      Sample beta = result.samples().stream().filter(s -> s.family().equals("counters")
          && s.tags().get("name").equals("beta")).findFirst().orElseThrow();
      assertEquals(Map.of("value", 2L), beta.counters());
      assertEquals(NOW, beta.time());
    }
    assertEquals(1, device.connections(), "one SSH connection for every command of every poll");
    assertEquals(9, device.commandsStarted());
    RecordingAwait.until(() -> device.commandsEnded() == 9, "every command's channel ended");
    assertTrue(session.ssh().isOpen(), "the connection itself stays open");
    collector.close();
    assertEquals(1, device.openConnections(), "closing the collector leaves the device session to its owner");
  }

  @Test
  void aNonZeroExitStatusIsAnErrorNamingDeviceAndCommand() throws Exception {
    device.on("show broken", (out, err, channel) -> {
      err.write("mgd: not running\n".getBytes(StandardCharsets.UTF_8));
      return 3;
    });
    CliCollector collector = collector("commands = [ { command = \"show broken\", format = junos-xml } ]",
        Duration.ofSeconds(5));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(NOW));
    assertEquals(Kind.RPC_ERROR, e.kind());
    assertFalse(e.sessionBroken());
    assertEquals("device cli-r1: command \"show broken\" failed: exited with status 3: mgd: not running", e.getMessage());
  }

  @Test
  void anErrorPrintedWithStatusZeroIsAnError() throws Exception {
    CliCollector collector = collector("commands = [ { command = \"show nonsense\", format = junos-json } ]",
        Duration.ofSeconds(5));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(NOW));
    assertEquals(Kind.RPC_ERROR, e.kind());
    assertTrue(e.getMessage().startsWith("device cli-r1: command \"show nonsense\" failed: error: syntax error"),
        e.getMessage());
  }

  @Test
  void malformedOutputNamesDeviceCommandAndFormat() throws Exception {
    device.prints("show half", CliTestFiles.read("interfaces-extensive.xml").substring(0, 700));
    CliCollector collector = collector("commands = [ { command = \"show half\", format = junos-xml } ]",
        Duration.ofSeconds(5));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(NOW));
    assertEquals(Kind.MALFORMED_REPLY, e.kind());
    assertFalse(e.sessionBroken());
    assertTrue(e.getMessage().startsWith("device cli-r1: malformed output of command \"show half\" (format junos-xml):"
        + " not well-formed XML"), e.getMessage());
  }

  @Test
  void aCommandThatHangsTimesOutAndTheConnectionCarriesOn() throws Exception {
    device.on("show hang", (out, err, channel) -> {
      Thread.sleep(60_000);
      return 0;
    });
    CliCollector hanging = collector("commands = [ { command = \"show hang\", format = junos-xml } ]",
        Duration.ofMillis(500));
    CollectException e = assertThrows(CollectException.class, () -> hanging.poll(NOW));
    assertEquals(Kind.TIMEOUT, e.kind());
    assertFalse(e.sessionBroken(), "only the command's channel is closed");
    assertEquals("device cli-r1: command \"show hang\" did not finish within PT0.5S", e.getMessage());
    RecordingAwait.until(() -> device.commandsEnded() == 1, "the hanging command's channel was closed");

    // The same connection serves the next command (with a timeout roomy enough for a busy machine).
    Target t = session.target();
    Target roomy = new Target(t.id(), t.host(), t.port(), t.credentials(), t.collectors(), Duration.ofSeconds(10),
        t.labels());
    CliCollector next = new CliCollector(roomy, CliSettings.from(new CollectorSpec("cli",
        Duration.ofSeconds(30), ConfigFactory.parseString("commands = [ " + REGEX_BLOCK + " ]"), "c")), Clock.systemUTC());
    next.open(session);
    assertEquals(2, next.poll(NOW).samples().size());
    assertEquals(1, device.connections());
  }

  @Test
  void outputBeyondTheLimitIsRefused() throws Exception {
    device.on("show flood", (out, err, channel) -> {
      byte[] line = "x=1\n".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 2_000; i++) {
        out.write(line);
      }
      return 0;
    });
    CliCollector collector = collector("commands = [ { command = \"show flood\", format = junos-xml } ]\n"
        + "max-output = 1 KiB", Duration.ofSeconds(5));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(NOW));
    assertEquals(Kind.MALFORMED_REPLY, e.kind());
    assertEquals("device cli-r1: command \"show flood\" printed more than 1024 bytes (max-output)", e.getMessage());
  }

  @Test
  void aDroppedConnectionIsSessionLostAndTheNextOpenReconnects() throws Exception {
    device.on("show drop", (out, err, channel) -> {
      channel.getSession().close(true);
      return null;
    });
    CliCollector collector = collector("commands = [ { command = \"show drop\", format = junos-xml } ]",
        Duration.ofSeconds(5));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(NOW));
    assertEquals(Kind.SESSION_LOST, e.kind());
    assertTrue(e.sessionBroken(), "the device actor reopens the collector");
    assertTrue(e.getMessage().startsWith("device cli-r1: command \"show drop\":"), e.getMessage());

    collector.close();
    collector.open(session);
    assertEquals(2, device.connections(), "reopening connected again");
  }

  @Test
  void twoCommandsReportingOneSeriesAreRefused() throws Exception {
    device.prints("show counters again", "alpha=5\n");
    String second = REGEX_BLOCK.replace(KV, "show counters again");
    CliCollector collector = collector("commands = [ " + REGEX_BLOCK + ", " + second + " ]", Duration.ofSeconds(5));
    CollectException e = assertThrows(CollectException.class, () -> collector.poll(NOW));
    assertTrue(e.getMessage().contains("commands \"show counters\" and \"show counters again\" both report series"
        + " counters,name=alpha"), e.getMessage());
  }

  /** Waits for server-side bookkeeping that trails the client's view by a moment. */
  static final class RecordingAwait {
    static void until(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!condition.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out waiting until " + what);
        }
        Thread.sleep(10);
      }
    }
  }
}
