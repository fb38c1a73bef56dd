package io.telemetry.host.bench.failover;

import java.time.Instant;

/**
 * One Kafka record as the failover bench sees it: the device (record key), the node that polled
 * it (header {@code telemetry-node}), the sample time, and where it was written.
 */
public record Delivery(String device, String node, Instant time, int partition, long offset) {}
