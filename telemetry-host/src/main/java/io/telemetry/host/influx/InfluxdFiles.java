package io.telemetry.host.influx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one embedded influxd in its data folder.
 *
 * <pre>
 * influxdb.conf   the server's own config, written at every start (same ports, same folders)
 * influxd.log     the server's output (warnings and errors), appended across restarts
 * meta/ data/ wal/  InfluxDB's storage
 * </pre>
 *
 * <p>The config leaves out everything a test or demo server does not need: no usage reporting,
 * no UDP, Graphite, collectd or OpenTSDB listeners, no _internal monitor database, no continuous
 * queries, no HTTP access log; both ports on 127.0.0.1 only.
 */
final class InfluxdFiles {

  private final Path dataDir;

  InfluxdFiles(Path dataDir) {
    this.dataDir = dataDir;
  }

  Path config() {
    return dataDir.resolve("influxdb.conf");
  }

  Path logFile() {
    return dataDir.resolve("influxd.log");
  }

  void writeConfig(String host, int httpPort, int rpcPort) throws IOException {
    Files.writeString(config(), String.join("\n",
        "# Written by io.telemetry.host.influx.EmbeddedInflux at every start.",
        "reporting-enabled = false",
        "bind-address = " + quoted(host + ":" + rpcPort),
        "",
        "[meta]",
        "  dir = " + quoted(dataDir.resolve("meta").toString()),
        "  logging-enabled = false",
        "",
        "[data]",
        "  dir = " + quoted(dataDir.resolve("data").toString()),
        "  wal-dir = " + quoted(dataDir.resolve("wal").toString()),
        "  query-log-enabled = false",
        "",
        "[monitor]",
        "  store-enabled = false",
        "",
        "[subscriber]",
        "  enabled = false",
        "",
        "[continuous_queries]",
        "  enabled = false",
        "  log-enabled = false",
        "",
        "[http]",
        "  enabled = true",
        "  bind-address = " + quoted(host + ":" + httpPort),
        "  auth-enabled = false",
        "  log-enabled = false",
        "",
        "[logging]",
        "  level = \"warn\"",
        "  suppress-logo = true",
        "",
        "[[udp]]",
        "  enabled = false",
        "",
        "[[graphite]]",
        "  enabled = false",
        "",
        "[[collectd]]",
        "  enabled = false",
        "",
        "[[opentsdb]]",
        "  enabled = false",
        ""));
  }

  // A TOML basic string.
  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
