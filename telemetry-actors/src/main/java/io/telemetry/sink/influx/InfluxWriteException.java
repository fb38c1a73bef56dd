package io.telemetry.sink.influx;

/** Why a poll batch was not written to InfluxDB; the message names the device and what to check. */
public final class InfluxWriteException extends RuntimeException {
  public InfluxWriteException(String message) {
    super(message);
  }
}
