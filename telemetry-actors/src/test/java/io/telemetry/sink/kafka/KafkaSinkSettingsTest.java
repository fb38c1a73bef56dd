package io.telemetry.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSinkSettingsTest {

  /** The telemetry.kafka block of reference.conf with {@code overrides} on top. */
  private static Config kafkaBlock(String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.defaultReference())
        .resolve()
        .getConfig("telemetry.kafka");
  }

  private static KafkaSinkSettings settings(String overrides) {
    return KafkaSinkSettings.fromConfig(kafkaBlock(overrides));
  }

  @Test
  void defaultsFavourNoLossAndPerKeyOrder() {
    KafkaSinkSettings settings = settings("telemetry.kafka.bootstrap-servers = \"localhost:9092\"");
    assertEquals("localhost:9092", settings.bootstrapServers());
    assertEquals("telemetry.metrics.interface", settings.topics().topicFor("interface"));
    assertEquals(
        Map.of(
            "acks", "all",
            "enable.idempotence", "true",
            "linger.ms", "20",
            "batch.size", "262144",
            "compression.type", "lz4",
            "max.in.flight.requests.per.connection", "5",
            "delivery.timeout.ms", "600000",
            "request.timeout.ms", "30000"),
        settings.producerProperties());
  }

  @Test
  void passesClientPropertiesThroughAndLetsThemWin() {
    KafkaSinkSettings settings = settings(String.join("\n",
        "telemetry.kafka {",
        "  bootstrap-servers = [\"k1:9093\", \"k2:9093\"]",
        "  topic-pattern = \"lab.{family}.v1\"",
        "  properties {",
        "    security.protocol = SASL_SSL",
        "    \"sasl.mechanism\" = PLAIN",
        "    sasl.jaas.config = \"org.apache.kafka.common.security.plain.PlainLoginModule required;\"",
        "    ssl.truststore.location = /etc/kafka/truststore.jks",
        "    linger.ms = 5",
        "    my.interceptor.setting = 3",
        "  }",
        "}"));
    assertEquals("k1:9093,k2:9093", settings.bootstrapServers());
    assertEquals("lab.cpu.v1", settings.topics().topicFor("cpu"));
    Map<String, String> properties = settings.producerProperties();
    assertEquals("SASL_SSL", properties.get("security.protocol"));
    assertEquals("PLAIN", properties.get("sasl.mechanism"));
    assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required;", properties.get("sasl.jaas.config"));
    assertEquals("/etc/kafka/truststore.jks", properties.get("ssl.truststore.location"));
    assertEquals("5", properties.get("linger.ms"));
    assertEquals("3", properties.get("my.interceptor.setting"));
    assertEquals("all", properties.get("acks"));
  }

  @Test
  void anEmptyBootstrapNamesTheSetting() {
    assertError("telemetry.kafka.bootstrap-servers = \"\"", "telemetry.kafka.bootstrap-servers");
    assertError("telemetry.kafka.bootstrap-servers = \"  \"", "telemetry.kafka.bootstrap-servers");
    assertError("telemetry.kafka.bootstrap-servers = \"kafka\"", "telemetry.kafka.bootstrap-servers");
  }

  @Test
  void wrongTypesNameTheSetting() {
    assertError("telemetry.kafka.bootstrap-servers { host = a }", "telemetry.kafka.bootstrap-servers");
    assertError("telemetry.kafka.bootstrap-servers = [1]", "telemetry.kafka.bootstrap-servers");
    assertError("telemetry.kafka.topic-pattern = 3", "telemetry.kafka.topic-pattern");
    assertError("telemetry.kafka.producer.acks = [all]", "telemetry.kafka.producer.acks");
    assertError("telemetry.kafka.properties = \"security.protocol=SSL\"", "telemetry.kafka.properties");
    assertError("telemetry.kafka.properties.sasl.mechanism = [PLAIN]", "telemetry.kafka.properties.sasl.mechanism");
  }

  @Test
  void valuesKafkaWouldRefuseNameTheSetting() {
    assertError("telemetry.kafka.producer.linger.ms = soon", "telemetry.kafka.producer.linger.ms");
    assertError("telemetry.kafka.producer.compression.type = rar", "telemetry.kafka.producer.compression.type");
    assertError("telemetry.kafka.properties.acks = maybe", "telemetry.kafka.properties.acks");
    assertError("telemetry.kafka.producer.delivery.timeout.ms = 1000", "telemetry.kafka.producer.delivery.timeout.ms");
  }

  @Test
  void unknownProducerSettingsAndSinkOwnedPropertiesAreRefused() {
    ConfigException.BadValue typo = assertError("telemetry.kafka.producer.lingr.ms = 5", "telemetry.kafka.producer.lingr.ms");
    assertTrue(typo.getMessage().contains("not a Kafka producer setting"), typo.getMessage());
    assertError("telemetry.kafka.properties.bootstrap.servers = \"x:1\"", "telemetry.kafka.properties.bootstrap.servers");
    assertError("telemetry.kafka.producer.value.serializer = x", "telemetry.kafka.producer.value.serializer");
  }

  @Test
  void topicPatternMustNameTheFamilyWithLegalCharacters() {
    assertError("telemetry.kafka.topic-pattern = \"metrics\"", "telemetry.kafka.topic-pattern");
    assertError("telemetry.kafka.topic-pattern = \"metrics/{family}\"", "telemetry.kafka.topic-pattern");
  }

  @Test
  void copiesChangeOnlyWhatTheySay() {
    KafkaSinkSettings base = settings("");
    KafkaSinkSettings moved = base.withBootstrapServers("127.0.0.1:4000").withProducerProperty("max.block.ms", "1000");
    assertEquals("127.0.0.1:4000", moved.bootstrapServers());
    assertEquals("1000", moved.producerProperties().get("max.block.ms"));
    assertFalse(base.producerProperties().containsKey("max.block.ms"));
    assertEquals(base.topics(), moved.topics());
  }

  private static ConfigException.BadValue assertError(String overrides, String path) {
    ConfigException.BadValue error = assertThrows(ConfigException.BadValue.class, () -> settings(overrides));
    assertTrue(error.getMessage().contains(path), error.getMessage());
    return error;
  }
}
