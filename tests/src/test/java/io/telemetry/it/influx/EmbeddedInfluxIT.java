package io.telemetry.it.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetry.host.process.ChildClasspath;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.host.influx.InfluxdNotInstalledException;
import io.telemetry.host.influx.StandaloneInflux;
import io.telemetry.it.support.InfluxdInstalled;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded influxd as a real server: serves, stops, comes back on its port with its data, dies with its JVM. */
class EmbeddedInfluxIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void influxdIsInstalled() {
    InfluxdInstalled.require();
  }

  @Test
  void servesStopsAndRestartsOnTheSamePortWithItsData() throws Exception {
    Path dataDir;
    try (EmbeddedInflux influx = EmbeddedInflux.builder().database("life cycle").build()) {
      dataDir = influx.dataDir();
      influx.start();
      int port = influx.port();
      assertTrue(port > 0, "a free port was chosen");
      assertEquals(URI.create("http://127.0.0.1:" + port), influx.url());
      assertEquals(204, get(influx.url().resolve("/ping")).statusCode());
      assertTrue(databases(influx).contains("life cycle"), "the database was created: " + databases(influx));

      assertEquals(204, write(influx.url(), "life cycle", "m,device=d1 v=1i 1000\nm,device=d1 v=2i 2000\n"));
      assertEquals(List.of(1000L, 2000L), times(influx));

      influx.stop();
      assertFalse(influx.isRunning());
      assertFalse(accepts(port), "nothing listens after stop()");

      influx.start();
      assertEquals(port, influx.port(), "same port after a restart");
      assertEquals(List.of(1000L, 2000L), times(influx), "written data survives a restart");

      String config = Files.readString(dataDir.resolve("influxdb.conf"));
      assertTrue(config.contains("bind-address = \"127.0.0.1:" + port + "\""), config);
      assertTrue(config.contains("reporting-enabled = false"), config);
      assertTrue(Files.exists(influx.logFile()), "the server's output goes to " + influx.logFile());
    }
    assertFalse(Files.exists(dataDir), "close() deletes the temporary data folder");
  }

  @Test
  void aGivenPortThatIsTakenFailsWithTheTailOfTheLog(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        EmbeddedInflux influx = EmbeddedInflux.builder().dataDir(dir).port(taken.getLocalPort())
            .startTimeout(Duration.ofSeconds(30)).build()) {
      IllegalStateException error = assertThrows(IllegalStateException.class, influx::start);
      assertTrue(error.getMessage().contains("exited with status"), error.getMessage());
      assertTrue(error.getMessage().contains("address already in use"), "the log tail says why: " + error.getMessage());
      assertTrue(error.getMessage().contains(influx.logFile().toString()), error.getMessage());
      assertFalse(influx.isRunning());
    }
  }

  @Test
  void aMissingBinaryNamesHowToInstallIt(@TempDir Path dir) {
    InfluxdNotInstalledException error = assertThrows(InfluxdNotInstalledException.class,
        () -> EmbeddedInflux.builder().binary(dir.resolve("influxd")).build());
    assertTrue(error.getMessage().contains(dir.resolve("influxd").toString()), error.getMessage());
    assertTrue(error.getMessage().contains("scripts/install-influxdb.sh"), error.getMessage());
    assertTrue(error.getMessage().contains("apt-get install influxdb"), error.getMessage());
  }

  @Test
  void queryErrorsNameTheQuery() {
    try (EmbeddedInflux influx = EmbeddedInflux.builder().build().start()) {
      IllegalStateException error = assertThrows(IllegalStateException.class,
          () -> influx.query("nowhere", "SELECT * FROM m"));
      assertTrue(error.getMessage().contains("SELECT * FROM m"), error.getMessage());
      assertTrue(error.getMessage().contains("database not found"), error.getMessage());
    }
  }

  @Test
  void theServerDiesWithTheJvmThatStartedItEvenWhenThatJvmIsKilled(@TempDir Path dir) throws Exception {
    int port = freePort();
    Path output = dir.resolve("parent.out");
    String classpath = ChildClasspath.of(List.of(StandaloneInflux.class)).stream()
        .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    Process parent = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m", "-cp", classpath, StandaloneInflux.class.getName(),
            "--port", Integer.toString(port), "--data-dir", dir.resolve("influx").toString())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    List<ProcessHandle> children = List.of();
    try {
      awaitFileContains(output, "serving at http://127.0.0.1:" + port, parent, Duration.ofSeconds(60));
      children = parent.descendants().toList();
      assertTrue(children.stream().anyMatch(p -> p.info().command().orElse("").endsWith("influxd")),
          "the parent JVM runs influxd: " + children.stream().map(p -> p.info().toString()).toList());
      assertTrue(accepts(port));

      parent.destroyForcibly().waitFor(); // kill -9: no shutdown hook runs in the parent

      for (ProcessHandle child : children) {
        try {
          child.onExit().get(40, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          fail("influxd (or its wrapper) outlived its killed parent by 40 s: " + child.info());
        }
      }
      assertFalse(accepts(port));
    } finally {
      parent.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static List<String> databases(EmbeddedInflux influx) {
    JsonNode values = influx.query("", "SHOW DATABASES").at("/results/0/series/0/values");
    List<String> names = new ArrayList<>();
    values.forEach(row -> names.add(row.get(0).asText()));
    return names;
  }

  private static List<Long> times(EmbeddedInflux influx) {
    JsonNode values = influx.query("life cycle", "SELECT v FROM m").at("/results/0/series/0/values");
    List<Long> times = new ArrayList<>();
    values.forEach(row -> times.add(row.get(0).asLong()));
    return times;
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int write(URI base, String database, String lines) throws IOException, InterruptedException {
    URI uri = base.resolve("/write?precision=ns&db=" + URLEncoder.encode(database, "UTF-8").replace("+", "%20"));
    return HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(lines)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitFileContains(Path file, String text, Process writer, Duration timeout)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!(Files.exists(file) && Files.readString(file).contains(text))) {
      if (!writer.isAlive()) {
        fail("the parent JVM exited with " + writer.exitValue() + ":\n" + Files.readString(file));
      }
      if (Instant.now().isAfter(deadline)) {
        fail("no '" + text + "' within " + timeout + ":\n" + Files.readString(file));
      }
      Thread.sleep(100);
    }
  }
}
