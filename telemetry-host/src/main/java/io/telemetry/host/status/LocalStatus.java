package io.telemetry.host.status;

import io.telemetry.device.CborSerializable;
import java.util.List;

/**
 * What one node reports about itself for the status page ({@code GET /telemetry/status/local}),
 * also sent between nodes (CBOR) when a node assembles the cluster's page. Times are RFC 3339
 * strings, durations milliseconds; unknown values are null.
 *
 * @param nodeId   the node's {@code telemetry.node-id}
 * @param address  the node's cluster address
 * @param at       when this report was made
 * @param devices  the device entities running on this node, by id
 * @param sinks    this node's sinks, by name
 * @param events   the latest correlated events this node's event reader saw, newest first
 * @param problems what could not be found out (e.g. a device that did not answer in time)
 */
public record LocalStatus(String nodeId, String address, String at, List<Device> devices, List<Sink> sinks,
    List<Event> events, List<String> problems) implements CborSerializable {

  /**
   * One device entity.
   *
   * @param status           {@code ok}, {@code failing}, {@code deferred} or {@code connecting} (see {@link DeviceHealth})
   * @param state            the device actor's own state: CONNECTING, CONNECTED, BACKOFF
   * @param lastPoll         when its last poll ended
   * @param lastPollMillis   how long its last poll took
   * @param lastError        the error of its last failed open or poll, cleared by a good poll
   * @param samplesDelivered samples of it that a sink acknowledged, on this node
   */
  public record Device(String id, String node, String status, String state, String lastPoll, Double lastPollMillis,
      String lastError, long polls, long samplesDelivered, long errors, long deferrals) {}

  /**
   * One sink.
   *
   * @param buffered  poll batches in its buffer now
   * @param delivered samples written and acknowledged
   * @param failed    samples it gave up on
   * @param retries   write requests retried
   * @param dropped   samples its full buffer dropped (overflow drop-oldest)
   * @param rejected  points the destination refused as bad data
   */
  public record Sink(String name, int buffered, long delivered, long failed, long retries, long dropped,
      long rejected) {}

  /** One correlated event, as read from its topic (see docs/schema/events.md). */
  public record Event(String topic, String eventId, String rule, String ruleType, String state, String severity,
      String device, String subject, String opened, String closed, String summary) {}
}
