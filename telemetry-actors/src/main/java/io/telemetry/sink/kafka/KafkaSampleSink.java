package io.telemetry.sink.kafka;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.PollBatch;
import org.apache.pekko.NotUsed;
import org.apache.pekko.kafka.ProducerSettings;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * The Kafka sink of the pipeline: a flow from poll batches to their delivery outcomes.
 *
 * <p>Each batch becomes one record per sample ({@link SampleProducerRecords}); its
 * {@link BatchDelivery} is emitted, in input order, once Kafka acknowledged every record of the
 * batch (with {@code acks=all}), or as {@code failed} when any record was refused or timed out
 * ({@code delivery.timeout.ms}). The flow never fails or completes because of Kafka: a broker
 * outage shows as failed deliveries (or, within the delivery timeout, as batches that take
 * longer), and at most {@code parallelism} batches are in flight, so the flow backpressures.
 *
 * <p>Why not {@code Producer.flexiFlow}: its stage fails (or, resumed, drops the element) when a
 * send fails, while we must report failures per batch and keep going. Why not {@code SendProducer}:
 * it runs every send as its own task on the connector's thread pool, so two batches can reach
 * {@code KafkaProducer.send} in either order and one device's records could swap. So the sink
 * calls {@code send} itself in a {@code mapAsync} (input order is send order) and uses Pekko
 * Connectors' {@link ProducerSettings} for configuration, producer creation, the close timeout and
 * the connector's dispatcher for blocking calls (it runs there, like the connector's own stages,
 * because {@code send} may block up to {@code max.block.ms} while metadata is unavailable).
 *
 * <p>Each materialisation has its own producer, created on the first batch and closed (waiting up
 * to {@code pekko.kafka.producer.close-timeout} for outstanding acks) when the stream stops,
 * including when the actor system shuts down.
 */
public final class KafkaSampleSink {

  /** The sink name in {@link BatchDelivery#sink()}. */
  public static final String NAME = "kafka";

  private KafkaSampleSink() {}

  /**
   * @param settings    the validated {@code telemetry.kafka} block
   * @param node        this node's id, written into every record (header and value)
   * @param parallelism poll batches in flight at once ({@code telemetry.pipeline.kafka-parallelism})
   */
  public static Flow<PollBatch, BatchDelivery, NotUsed> flow(
      KafkaSinkSettings settings, String node, int parallelism) {
    if (node == null || node.isBlank()) {
      throw new IllegalArgumentException("Kafka sink needs a node id (telemetry.node-id) for its records");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "telemetry.pipeline.kafka-parallelism must be at least 1, was " + parallelism);
    }
    SampleProducerRecords records = new SampleProducerRecords(settings.topics(), new SampleJsonCodec(), node);
    return Flow.<PollBatch, BatchDelivery, NotUsed>fromMaterializer((materializer, attributes) -> {
          ProducerSettings<String, byte[]> producerSettings = settings.producerSettings(materializer.system());
          KafkaBatchSender sender =
              new KafkaBatchSender(producerSettings, records, NAME, settings.bootstrapServers());
          return Flow.<PollBatch>create()
              .mapAsync(parallelism, sender::send)
              .async(producerSettings.dispatcher())
              .watchTermination((notUsed, done) -> {
                done.whenComplete((ok, error) -> sender.close());
                return NotUsed.getInstance();
              });
        })
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  /**
   * The flow as configured: reads {@code telemetry.kafka} and {@code telemetry.pipeline.kafka-parallelism}.
   *
   * @param telemetry the {@code telemetry} block
   * @param node      this node's resolved id
   */
  public static Flow<PollBatch, BatchDelivery, NotUsed> flow(Config telemetry, String node) {
    int parallelism;
    try {
      parallelism = telemetry.getInt("pipeline.kafka-parallelism");
    } catch (ConfigException e) {
      throw new ConfigException.BadValue("telemetry.pipeline.kafka-parallelism", e.getMessage(), e);
    }
    return flow(KafkaSinkSettings.fromConfig(telemetry.getConfig("kafka")), node, parallelism);
  }
}
