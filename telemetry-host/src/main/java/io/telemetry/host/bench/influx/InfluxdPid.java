package io.telemetry.host.bench.influx;

import java.util.OptionalLong;

/**
 * The process id of the embedded {@code influxd} (a grandchild: {@code EmbeddedInflux} runs it
 * under a small shell), for its CPU time. Empty when none runs.
 */
public final class InfluxdPid {

  private InfluxdPid() {}

  public static OptionalLong find() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/influxd") || c.equals("influxd")).orElse(false))
        .mapToLong(ProcessHandle::pid)
        .findFirst();
  }
}
