package io.telemetry.sink.kafka;

/** Why a poll batch was not delivered to Kafka; the message names the device and the topics. */
public final class KafkaDeliveryException extends RuntimeException {
  public KafkaDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
