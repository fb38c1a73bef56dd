package io.telemetry.it.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.host.cli.DemoCommand;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.it.support.InfluxPoints;
import io.telemetry.it.support.InfluxPoints.Point;
import io.telemetry.it.support.InfluxdInstalled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code telemetry demo} with influxd installed: it starts InfluxDB in its work dir, says where it
 * is and how to query it, shows each sink's counters, and the samples are in InfluxDB afterwards.
 */
class InfluxDemoIT {

  @TempDir
  Path workDir;

  @Test
  void theDemoWritesToAnEmbeddedInfluxDbAndSaysHowToQueryIt() throws Exception {
    InfluxdInstalled.require();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(new TeeStream(captured, original), true, StandardCharsets.UTF_8));
    try {
      exit = new CommandLine(new DemoCommand()).execute("--devices", "2", "--interfaces", "2", "--interval", "1",
          "--duration", "11", "--work-dir", workDir.toString());
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, output);

    Matcher url = Pattern.compile("InfluxDB at http://127\\.0\\.0\\.1:(\\d+), database telemetry").matcher(output);
    assertTrue(url.find(), "says where InfluxDB is:\n" + output);
    int influxStarted = output.indexOf("  InfluxDB: started at http://127.0.0.1:" + url.group(1) + ", database telemetry");
    assertTrue(influxStarted >= 0 && influxStarted < output.indexOf("  Kafka broker: started at "),
        "a start-up step for InfluxDB, before the broker's:\n" + output);
    int port = Integer.parseInt(url.group(1));
    assertTrue(output.contains("curl -sG http://127.0.0.1:" + port + "/query --data-urlencode db=telemetry"
        + " --data-urlencode 'q=" + DemoCommand.EXAMPLE_QUERY + "'"), "a curl query:\n" + output);
    assertTrue(output.contains("influx -port " + port + " -database telemetry -execute '"), "an influx query:\n" + output);
    assertTrue(Pattern.compile("kafka [\\d,]+ written \\| influx [1-9][\\d,]* written 0 retried 0 rejected 0 dropped buf \\d+")
        .matcher(output).find(), "each sink's counters in the progress:\n" + output);
    // Measurements are listed alphabetically; interface is one of several families.
    assertTrue(Pattern.compile("influx: [^\\n]*\\b[1-9][\\d,]*( points)? in interface\\b")
        .matcher(output).find(),
        "InfluxDB's point count in the progress:\n" + output);

    // The data stays in the demo's work dir: a server started on it answers the suggested query.
    try (EmbeddedInflux influx = EmbeddedInflux.builder().dataDir(workDir.resolve("influxdb")).build().start()) {
      List<Point> latest = InfluxPoints.select(influx, "telemetry", DemoCommand.EXAMPLE_QUERY);
      assertEquals(List.of("sim-0001", "sim-0002"),
          latest.stream().map(p -> p.tags().get("device")).distinct().sorted().collect(Collectors.toList()),
          "the latest rate of every interface of both devices: " + latest);
      // Logical units count packets only: the octet rates are those of the 2 x 2 physical interfaces.
      assertEquals(2 * 2, latest.size(), "2 devices x 2 interfaces: " + latest);
    }
  }

  /** Writes to two streams: the test reads one, the console shows the other. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeStream(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      first.write(bytes, offset, length);
      second.write(bytes, offset, length);
    }
  }
}
