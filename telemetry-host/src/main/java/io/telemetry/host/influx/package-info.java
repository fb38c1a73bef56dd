/**
 * A real InfluxDB 1.x server for the demo and the integration tests: Debian's {@code influxd}
 * run as a child process with its own config, ports and data folder
 * ({@link io.telemetry.host.influx.EmbeddedInflux}).
 */
package io.telemetry.host.influx;
