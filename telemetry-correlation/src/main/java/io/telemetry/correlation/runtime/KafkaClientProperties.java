package io.telemetry.correlation.runtime;

import java.util.HashMap;
import java.util.Map;

/** The client properties every correlation client (admin, consumer, producer) starts from. */
final class KafkaClientProperties {

  private KafkaClientProperties() {}

  static Map<String, Object> base(CorrelationSettings settings) {
    Map<String, Object> props = new HashMap<>(settings.kafkaProperties());
    props.put("bootstrap.servers", settings.bootstrapServers());
    return props;
  }
}
