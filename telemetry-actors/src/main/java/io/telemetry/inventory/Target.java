package io.telemetry.inventory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A device to poll.
 *
 * @param id          unique target id; also the sharded entity id and the Kafka record key
 * @param host        address or name of the device
 * @param port        NETCONF/SSH port (830 by default)
 * @param credentials how to log in
 * @param collector   collector type, e.g. {@code junos-netconf}
 * @param interval    poll interval
 * @param timeout     how long one request may take before the poll fails
 * @param labels      inventory context (site, role, ...) attached later as tags
 */
public record Target(
    String id,
    String host,
    int port,
    Credentials credentials,
    String collector,
    Duration interval,
    Duration timeout,
    Map<String, String> labels) {

  public Target {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(collector, "collector");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    labels = Map.copyOf(labels);
  }

  @Override
  public String toString() {
    // Never print secrets.
    return "Target[" + id + " " + host + ":" + port + " " + collector + " every " + interval + "]";
  }
}
