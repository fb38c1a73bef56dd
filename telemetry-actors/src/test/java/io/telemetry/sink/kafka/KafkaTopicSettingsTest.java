package io.telemetry.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The {@code telemetry.kafka.topics} block as read through {@link KafkaSinkSettings#fromConfig}. */
class KafkaTopicSettingsTest {

  private static KafkaTopicSettings topics(String overrides) {
    return KafkaSinkSettings.fromConfig(ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.defaultReference()).resolve().getConfig("telemetry.kafka")).topicSettings();
  }

  @Test
  void defaultsCreateSixPartitionsWithTheBrokersReplicationFactor() {
    KafkaTopicSettings settings = topics("");
    assertTrue(settings.create());
    assertEquals(6, settings.partitions());
    assertEquals(-1, settings.replicationFactor());
    assertEquals(Map.of(), settings.configs());
    assertEquals(Duration.ofSeconds(30), settings.timeout());

    NewTopic topic = settings.newTopic("telemetry.metrics.interface");
    assertEquals("telemetry.metrics.interface", topic.name());
    assertEquals(6, topic.numPartitions());
    // -1 in a CreateTopics request: the broker's default.replication.factor.
    assertEquals(-1, topic.replicationFactor());
  }

  @Test
  void everySettingIsRead() {
    KafkaTopicSettings settings = topics(String.join("\n",
        "telemetry.kafka.topics {",
        "  create = off",
        "  partitions = 12",
        "  replication-factor = 3",
        "  configs { retention.ms = 604800000, \"cleanup.policy\" = delete, min.insync.replicas = 2 }",
        "  timeout = 5s",
        "}"));
    assertFalse(settings.create());
    assertEquals(12, settings.partitions());
    assertEquals(3, settings.replicationFactor());
    assertEquals(Map.of("retention.ms", "604800000", "cleanup.policy", "delete", "min.insync.replicas", "2"),
        settings.configs());
    assertEquals(Duration.ofSeconds(5), settings.timeout());
    NewTopic topic = settings.newTopic("t");
    assertEquals(12, topic.numPartitions());
    assertEquals(3, topic.replicationFactor());
    assertEquals(settings.configs(), topic.configs());
  }

  @Test
  void brokerDefaultsForPartitionsAndReplicas() {
    NewTopic topic = topics("telemetry.kafka.topics { partitions = -1, replication-factor = -1 }").newTopic("t");
    assertEquals(-1, topic.numPartitions());
    assertEquals(-1, topic.replicationFactor());
  }

  @Test
  void badValuesNameTheirSetting() {
    assertError("telemetry.kafka.topics.create = maybe", "telemetry.kafka.topics.create");
    assertError("telemetry.kafka.topics.partitions = 0", "telemetry.kafka.topics.partitions");
    assertError("telemetry.kafka.topics.partitions = many", "telemetry.kafka.topics.partitions");
    assertError("telemetry.kafka.topics.replication-factor = -2", "telemetry.kafka.topics.replication-factor");
    assertError("telemetry.kafka.topics.replication-factor = 40000", "telemetry.kafka.topics.replication-factor");
    assertError("telemetry.kafka.topics.timeout = 0s", "telemetry.kafka.topics.timeout");
    assertError("telemetry.kafka.topics.timeout = soon", "telemetry.kafka.topics.timeout");
    assertError("telemetry.kafka.topics = on", "telemetry.kafka.topics");
    assertError("telemetry.kafka.topics.configs = 7", "telemetry.kafka.topics.configs");
    assertError("telemetry.kafka.topics.configs { retention.ms = [1] }", "telemetry.kafka.topics.configs.retention.ms");
  }

  @Test
  void aTopicConfigKafkaDoesNotKnowIsRefused() {
    ConfigException error = assertError("telemetry.kafka.topics.configs { retention.msec = 1000 }",
        "telemetry.kafka.topics.configs.retention.msec");
    assertTrue(error.getMessage().contains("not a Kafka topic config"), error.getMessage());
    assertTrue(error.getMessage().contains("retention.ms"), "lists the known ones: " + error.getMessage());
  }

  private static ConfigException assertError(String overrides, String path) {
    ConfigException error = assertThrows(ConfigException.BadValue.class, () -> topics(overrides), overrides);
    assertTrue(error.getMessage().contains("'" + path + "'"), "expected " + path + " in: " + error.getMessage());
    return error;
  }
}
