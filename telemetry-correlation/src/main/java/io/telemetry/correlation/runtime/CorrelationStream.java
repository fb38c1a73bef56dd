package io.telemetry.correlation.runtime;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.kafka.ConsumerMessage;
import org.apache.pekko.kafka.ConsumerSettings;
import org.apache.pekko.kafka.ProducerMessage;
import org.apache.pekko.kafka.ProducerSettings;
import org.apache.pekko.kafka.Subscriptions;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.apache.pekko.kafka.javadsl.Transactional;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The consume -> evaluate -> produce stream of one rule instance, exactly once: a transactional
 * source (read_committed) over the inputs, each record asked of the router in order (mapAsync keeps
 * offsets in order), and a transactional flow that writes the events, the changelog records and the
 * consumed offsets in one Kafka transaction every commit interval. A record that produces nothing
 * still passes its offset through, so it is committed.
 */
final class CorrelationStream {

  private CorrelationStream() {}

  static Consumer.DrainingControl<Done> run(ActorSystem<?> system, CorrelationSettings settings, RuleDefinition rule,
      String transactionalId, ActorRef<CorrelationRouter.Command> router, CorrelationMetrics metrics) {
    ConsumerSettings<String, byte[]> consumer = ConsumerSettings
        .create(system, new StringDeserializer(), new ByteArrayDeserializer())
        .withProperties(stringProps(settings))
        .withProperties(settings.consumerProperties())
        .withBootstrapServers(settings.bootstrapServers())
        .withGroupId(settings.topics().groupId(rule.name()))
        .withProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        // Partition p of every input lands on one instance: the task that owns p sees all its inputs.
        .withProperty(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName())
        .withCommitTimeout(settings.drainTimeout());
    ProducerSettings<String, byte[]> producer = ProducerSettings
        .create(system, new StringSerializer(), new ByteArraySerializer())
        .withProperties(stringProps(settings))
        .withBootstrapServers(settings.bootstrapServers())
        .withEosCommitInterval(settings.commitInterval())
        .withProperty("transaction.timeout.ms", Long.toString(settings.transactionTimeout().toMillis()));
    RecordDecoder decoder = new RecordDecoder(rule, metrics);
    return Transactional
        .source(consumer, Subscriptions.topics(new HashSet<>(rule.inputs()))
            .withPartitionAssignmentHandler(new AssignmentListener(router)))
        .mapAsync(settings.parallelism(), message -> {
          ConsumerMessage.PartitionOffset offset = message.partitionOffset();
          Optional<InputRecord> input = decoder.decode(message.record());
          if (input.isEmpty()) {
            return CompletableFuture.completedFuture(passThrough(offset));
          }
          CompletionStage<Outcome> outcome = AskPattern.ask(router,
              replyTo -> new CorrelationRouter.Route(input.get(), replyTo), settings.askTimeout(), system.scheduler());
          // Async on the actor system's dispatcher: the ask's Scala-backed stage runs plain callbacks on
          // the JDK's common pool, which on a 2-core machine starts a new thread for every task.
          return outcome.thenApplyAsync(result -> envelope(result.records(), offset), system.executionContext());
        })
        .via(Transactional.flow(producer, transactionalId))
        .toMat(Sink.ignore(), Consumer::createDrainingControl)
        .run(system);
  }

  private static ProducerMessage.Envelope<String, byte[], ConsumerMessage.PartitionOffset> passThrough(
      ConsumerMessage.PartitionOffset offset) {
    return ProducerMessage.passThrough(offset);
  }

  private static ProducerMessage.Envelope<String, byte[], ConsumerMessage.PartitionOffset> envelope(
      List<ProducerRecord<String, byte[]>> records, ConsumerMessage.PartitionOffset offset) {
    return records.isEmpty() ? ProducerMessage.passThrough(offset) : ProducerMessage.multi(records, offset);
  }

  private static java.util.Map<String, String> stringProps(CorrelationSettings settings) {
    return settings.kafkaProperties();
  }
}
