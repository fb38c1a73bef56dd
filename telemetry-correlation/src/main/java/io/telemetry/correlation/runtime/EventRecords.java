package io.telemetry.correlation.runtime;

import io.telemetry.correlation.rule.CorrelatedEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Event records: value = {@link EventJsonCodec}, key = the event key, headers with what may differ
 * between runs (the instance that wrote it). The record timestamp is left to the producer (wall
 * clock at publication), so it measures end-to-end latency and stays out of the value.
 */
public final class EventRecords {

  public static final String SCHEMA_HEADER = "telemetry-schema";
  public static final String EVENT_ID_HEADER = "telemetry-event-id";
  public static final String RULE_HEADER = "telemetry-rule";
  public static final String CORRELATOR_HEADER = "telemetry-correlator";

  private final String topic;
  private final EventJsonCodec codec;
  private final byte[] correlator;
  private final byte[] schema = Integer.toString(EventJsonCodec.SCHEMA_VERSION).getBytes(StandardCharsets.UTF_8);

  public EventRecords(String topic, EventJsonCodec codec, String instanceId) {
    this.topic = topic;
    this.codec = codec;
    this.correlator = instanceId.getBytes(StandardCharsets.UTF_8);
  }

  public ProducerRecord<String, byte[]> of(CorrelatedEvent event) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SCHEMA_HEADER, schema);
    headers.add(EVENT_ID_HEADER, event.eventId().getBytes(StandardCharsets.UTF_8));
    headers.add(RULE_HEADER, event.rule().getBytes(StandardCharsets.UTF_8));
    headers.add(CORRELATOR_HEADER, correlator);
    return new ProducerRecord<>(topic, null, null, event.key(), codec.encode(event), headers);
  }
}
