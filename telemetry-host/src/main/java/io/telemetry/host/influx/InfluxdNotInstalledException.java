package io.telemetry.host.influx;

/** {@code influxd} was not found: says where it was looked for and how to install it. */
public final class InfluxdNotInstalledException extends IllegalStateException {

  InfluxdNotInstalledException(String lookedFor) {
    super("influxd (the InfluxDB 1.x server) is not installed: " + lookedFor
        + ". Install Debian's influxdb package: run scripts/install-influxdb.sh (as root),"
        + " or apt-get install influxdb");
  }
}
