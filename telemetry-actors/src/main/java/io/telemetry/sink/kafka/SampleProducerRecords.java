package io.telemetry.sink.kafka;

import io.telemetry.pipeline.PollBatch;
import io.telemetry.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns a poll batch into Kafka records: one per sample, in the family's topic, keyed by device id
 * (so one device's records stay in order on one partition), with the polling node and the schema
 * version in headers and the sample time as record timestamp.
 */
public final class SampleProducerRecords {

  public static final String NODE_HEADER = "telemetry-node";
  public static final String SCHEMA_HEADER = "telemetry-schema";

  private final FamilyTopics topics;
  private final SampleJsonCodec codec;
  private final String node;
  private final byte[] nodeHeader;
  private final byte[] schemaHeader;

  public SampleProducerRecords(FamilyTopics topics, SampleJsonCodec codec, String node) {
    this.topics = topics;
    this.codec = codec;
    this.node = node;
    this.nodeHeader = node.getBytes(StandardCharsets.UTF_8);
    this.schemaHeader =
        Integer.toString(SampleJsonCodec.SCHEMA_VERSION).getBytes(StandardCharsets.UTF_8);
  }

  public List<ProducerRecord<String, byte[]>> of(PollBatch batch) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(batch.samples().size());
    for (Sample sample : batch.samples()) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(NODE_HEADER, nodeHeader);
      headers.add(SCHEMA_HEADER, schemaHeader);
      records.add(new ProducerRecord<>(
          topics.topicFor(sample.family()),
          null,
          sample.time().toEpochMilli(),
          sample.device(),
          codec.encode(sample, node),
          headers));
    }
    return records;
  }
}
