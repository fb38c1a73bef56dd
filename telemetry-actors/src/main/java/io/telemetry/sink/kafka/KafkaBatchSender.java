package io.telemetry.sink.kafka;

import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.PollBatch;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.pekko.kafka.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One materialisation's Kafka producer: sends each batch's records and completes when Kafka has
 * acknowledged all of them. Never fails: every problem becomes {@link BatchDelivery#failed}.
 *
 * <p>{@link #send} must be called from one thread at a time, in stream order (it is, from the
 * sink's mapAsync stage): the order of {@code Producer.send} calls is the order records reach a
 * partition, which is what keeps one device's records in order.
 */
final class KafkaBatchSender {

  private static final Logger log = LoggerFactory.getLogger(KafkaBatchSender.class);

  private final ProducerSettings<String, byte[]> settings;
  private final SampleProducerRecords records;
  private final String sinkName;
  private final String bootstrapServers;
  // Created on the first batch and again after a failed creation (e.g. DNS not resolvable yet).
  private volatile Producer<String, byte[]> producer;
  private final AtomicBoolean failing = new AtomicBoolean(false);

  KafkaBatchSender(
      ProducerSettings<String, byte[]> settings,
      SampleProducerRecords records,
      String sinkName,
      String bootstrapServers) {
    this.settings = settings;
    this.records = records;
    this.sinkName = sinkName;
    this.bootstrapServers = bootstrapServers;
  }

  CompletionStage<BatchDelivery> send(PollBatch batch) {
    try {
      List<ProducerRecord<String, byte[]>> batchRecords = records.of(batch);
      if (batchRecords.isEmpty()) {
        return CompletableFuture.completedFuture(BatchDelivery.delivered(sinkName, batch));
      }
      Producer<String, byte[]> kafka = producer();
      CompletableFuture<?>[] acks = new CompletableFuture<?>[batchRecords.size()];
      // A topic whose metadata did not come within max.block.ms (missing, and not auto-created)
      // would make each further record to it wait that long again: its other records fail at once.
      Map<String, Throwable> unavailable = new HashMap<>();
      for (int i = 0; i < acks.length; i++) {
        ProducerRecord<String, byte[]> record = batchRecords.get(i);
        Throwable topicError = unavailable.get(record.topic());
        if (topicError != null) {
          acks[i] = CompletableFuture.failedFuture(topicError);
          continue;
        }
        CompletableFuture<Void> ack = new CompletableFuture<>();
        kafka.send(record, (metadata, error) -> {
          if (error == null) {
            ack.complete(null);
          } else {
            ack.completeExceptionally(error);
          }
        });
        metadataTimeout(ack).ifPresent(error -> unavailable.put(record.topic(), error));
        acks[i] = ack;
      }
      return CompletableFuture.allOf(acks).handle((ok, error) -> outcome(batch, batchRecords, error));
    } catch (RuntimeException e) {
      // Encoding, producer creation, or send refusing synchronously (e.g. max.block.ms elapsed).
      return CompletableFuture.completedFuture(outcome(batch, null, e));
    }
  }

  /** The error of a send that failed within send() for want of the topic's metadata. */
  private static Optional<Throwable> metadataTimeout(CompletableFuture<Void> ack) {
    if (!ack.isCompletedExceptionally()) {
      return Optional.empty();
    }
    try {
      ack.join();
      return Optional.empty();
    } catch (CompletionException e) {
      return e.getCause() instanceof TimeoutException ? Optional.of(e.getCause()) : Optional.empty();
    }
  }

  /** Closes the producer without blocking the caller; waits up to the close timeout for acks. */
  void close() {
    Producer<String, byte[]> kafka = producer;
    if (kafka == null) {
      return;
    }
    Thread closer = new Thread(() -> {
      try {
        kafka.close(Duration.ofNanos(settings.closeTimeout().toNanos()));
      } catch (RuntimeException e) {
        log.warn("Kafka sink: closing the producer failed: {}", e.toString());
      }
    }, "telemetry-kafka-sink-close");
    closer.setDaemon(true);
    closer.start();
  }

  private Producer<String, byte[]> producer() {
    Producer<String, byte[]> current = producer;
    if (current == null) {
      current = settings.createKafkaProducer();
      producer = current;
    }
    return current;
  }

  private BatchDelivery outcome(
      PollBatch batch, List<ProducerRecord<String, byte[]>> sent, Throwable error) {
    if (error == null) {
      if (failing.compareAndSet(true, false)) {
        log.info("Kafka sink: deliveries to {} succeed again", bootstrapServers);
      }
      return BatchDelivery.delivered(sinkName, batch);
    }
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    KafkaDeliveryException failure = new KafkaDeliveryException(describe(batch, sent, cause), cause);
    if (failing.compareAndSet(false, true)) {
      log.warn("Kafka sink: deliveries are failing (no more of this until one succeeds again): {}",
          failure.getMessage());
    }
    return BatchDelivery.failed(sinkName, batch, failure);
  }

  private String describe(PollBatch batch, List<ProducerRecord<String, byte[]>> sent, Throwable cause) {
    StringBuilder message = new StringBuilder("device ").append(batch.device()).append(": ");
    if (sent == null) {
      message.append("poll batch of ").append(batch.samples().size())
          .append(" sample(s) could not be handed to the Kafka producer");
    } else {
      TreeSet<String> topics = new TreeSet<>();
      sent.forEach(r -> topics.add(r.topic()));
      message.append("Kafka did not acknowledge all ").append(sent.size())
          .append(" record(s) to ").append(topics);
    }
    return message.append(" (bootstrap ").append(bootstrapServers)
        .append("): ").append(cause).toString();
  }
}
