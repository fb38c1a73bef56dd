package io.telemetry.it.support;

import io.telemetry.sink.kafka.SampleJsonCodec;
import io.telemetry.sink.kafka.SampleRecord;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Kafka records decoded as schema-1 samples, keeping their coordinates. */
public final class DecodedRecords {

  /** One record: its key, partition, offset and decoded value. */
  public record Decoded(String key, String topic, int partition, long offset, SampleRecord sample) {}

  private static final SampleJsonCodec CODEC = new SampleJsonCodec();

  private DecodedRecords() {}

  public static List<Decoded> decode(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream()
        .map(r -> new Decoded(r.key(), r.topic(), r.partition(), r.offset(), CODEC.decode(r.value())))
        .toList();
  }
}
