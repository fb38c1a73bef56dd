package io.telemetry.correlation.runtime;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What evaluating one input record produced: event and changelog records for its transaction. */
record Outcome(List<ProducerRecord<String, byte[]>> records) {

  static final Outcome NOTHING = new Outcome(List.of());
}
