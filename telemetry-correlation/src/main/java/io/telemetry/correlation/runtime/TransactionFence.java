package io.telemetry.correlation.runtime;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Aborts the open transaction a previous incarnation of this instance left behind (e.g. after
 * {@code kill -9}) before the partitions are restored: initialising a producer with the same
 * transactional id aborts it at once and fences the old producer, so the restore does not wait for
 * the transaction timeout and a zombie cannot commit afterwards. Blocking.
 */
final class TransactionFence {

  private TransactionFence() {}

  static void fence(CorrelationSettings settings, String transactionalId) {
    Map<String, Object> props = KafkaClientProperties.base(settings);
    props.put("transactional.id", transactionalId);
    props.put("transaction.timeout.ms", (int) settings.transactionTimeout().toMillis());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
    } catch (RuntimeException e) {
      throw new IllegalStateException("transactional id " + transactionalId + " at " + settings.bootstrapServers()
          + ": cannot initialise it (to abort a previous run's open transaction): " + e, e);
    }
  }
}
