package io.telemetry.inventory;

import io.telemetry.collect.CollectorSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A device to poll.
 *
 * @param id          unique target id; also the sharded entity id and the Kafka record key
 * @param host        address or name of the device
 * @param port        SSH/NETCONF port (830 by default); protocols with their own port (SNMP,
 *                    HTTP) take it from their collector settings
 * @param credentials how to log in over SSH
 * @param collectors  what to collect, each on its own interval; at least one
 * @param timeout     how long one request may take before the poll fails
 * @param labels      inventory context (site, role, ...) attached later as tags
 */
public record Target(
    String id,
    String host,
    int port,
    Credentials credentials,
    List<CollectorSpec> collectors,
    Duration timeout,
    Map<String, String> labels) {

  public Target {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(timeout, "timeout");
    collectors = List.copyOf(collectors);
    if (collectors.isEmpty()) {
      throw new IllegalArgumentException("target " + id + " has no collector");
    }
    labels = Map.copyOf(labels);
  }

  /** A target with one collector. */
  public Target(String id, String host, int port, Credentials credentials, String collector, Duration interval,
      Duration timeout, Map<String, String> labels) {
    this(id, host, port, credentials, List.of(CollectorSpec.of(collector, interval)), timeout, labels);
  }

  public Target withCredentials(Credentials newCredentials) {
    return new Target(id, host, port, newCredentials, collectors, timeout, labels);
  }

  @Override
  public String toString() {
    // Never print secrets.
    return "Target[" + id + " " + host + ":" + port + " " + collectors + "]";
  }
}
