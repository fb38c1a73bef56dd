package io.telemetry.sink.kafka;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.kafka.ProducerSettings;

/**
 * The {@code telemetry.kafka} block, validated: where the brokers are, how topics are named and
 * the Kafka producer properties (our {@code producer.*} defaults overlaid by the free
 * {@code properties.*} passthrough).
 *
 * @param bootstrapServers   comma-separated host:port list
 * @param topics             family to topic naming
 * @param producerProperties Kafka client properties, flat ({@code enable.idempotence -> true})
 * @param topicSettings      whether and how the node creates its topics ({@code topics} block)
 */
public record KafkaSinkSettings(
    String bootstrapServers, FamilyTopics topics, Map<String, String> producerProperties,
    KafkaTopicSettings topicSettings) {

  /** Where this block lives in the configuration; every error message names paths below it. */
  public static final String PATH = "telemetry.kafka";

  // The sink owns these: settings that would override them are refused rather than ignored.
  private static final Set<String> RESERVED =
      Set.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

  private static final ConfigDef PRODUCER_DEFINITION = ProducerConfig.configDef();

  public KafkaSinkSettings {
    bootstrapServers = BootstrapServers.validate(bootstrapServers, PATH + ".bootstrap-servers");
    java.util.Objects.requireNonNull(topics, "topics");
    java.util.Objects.requireNonNull(topicSettings, "topicSettings");
    producerProperties = Collections.unmodifiableMap(new TreeMap<>(producerProperties));
  }

  /**
   * Reads and validates the {@code telemetry.kafka} block (with the reference defaults already
   * merged, as {@code ConfigFactory.load().getConfig("telemetry.kafka")} gives it).
   *
   * @throws ConfigException.BadValue naming the full setting path when a value is missing, of the
   *     wrong type, not a Kafka producer setting, or not valid for Kafka
   */
  public static KafkaSinkSettings fromConfig(Config telemetryKafka) {
    String bootstrap = bootstrapServers(telemetryKafka);
    FamilyTopics topics = FamilyTopics.of(string(telemetryKafka, "topic-pattern"), PATH + ".topic-pattern");
    Map<String, String> properties = new TreeMap<>();
    properties.putAll(clientProperties(telemetryKafka, "producer", true));
    // properties.* is applied last: an operator's explicit client property wins over our defaults.
    properties.putAll(clientProperties(telemetryKafka, "properties", false));
    checkDeliveryTimeout(properties);
    return new KafkaSinkSettings(bootstrap, topics, properties, KafkaTopicSettings.fromConfig(telemetryKafka));
  }

  /** A copy pointing at other brokers (tests, embedded broker). */
  public KafkaSinkSettings withBootstrapServers(String servers) {
    return new KafkaSinkSettings(servers, topics, producerProperties, topicSettings);
  }

  /** A copy with one Kafka client property set (tests, tuning). */
  public KafkaSinkSettings withProducerProperty(String name, String value) {
    Map<String, String> copy = new TreeMap<>(producerProperties);
    copy.put(name, value);
    return new KafkaSinkSettings(bootstrapServers, topics, copy, topicSettings);
  }

  /**
   * Properties for an Admin client of the same brokers: the bootstrap servers and those of our
   * client properties an Admin client knows (security, SASL, SSL, timeouts), so it connects the
   * way the producer does.
   */
  public Map<String, Object> adminProperties() {
    Set<String> adminSettings = AdminClientConfig.configNames();
    Map<String, Object> properties = new TreeMap<>();
    producerProperties.forEach((name, value) -> {
      if (adminSettings.contains(name)) {
        properties.put(name, value);
      }
    });
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return properties;
  }

  /**
   * Pekko Connectors producer settings: the {@code pekko.kafka.producer} block of the system
   * (dispatcher, close timeout) plus our servers and properties; keys are device ids as UTF-8
   * strings, values the JSON bytes of {@link SampleJsonCodec}.
   */
  public ProducerSettings<String, byte[]> producerSettings(ClassicActorSystemProvider system) {
    return ProducerSettings.create(system, new StringSerializer(), new ByteArraySerializer())
        .withBootstrapServers(bootstrapServers)
        .withProperties(producerProperties);
  }

  private static String bootstrapServers(Config config) {
    String key = "bootstrap-servers";
    requirePresent(config, key);
    ConfigValue value = config.getValue(key);
    if (value.valueType() == ConfigValueType.LIST) {
      List<String> servers = new ArrayList<>();
      for (ConfigValue server : config.getList(key)) {
        if (server.valueType() != ConfigValueType.STRING) {
          throw bad(server.origin(), key, "list entries must be host:port strings, found " + server.valueType());
        }
        servers.add((String) server.unwrapped());
      }
      return String.join(",", servers);
    }
    return string(config, key);
  }

  private static String string(Config config, String key) {
    requirePresent(config, key);
    ConfigValue value = config.getValue(key);
    if (value.valueType() != ConfigValueType.STRING) {
      throw bad(value.origin(), key, "expected a string, found " + value.valueType());
    }
    return (String) value.unwrapped();
  }

  private static void requirePresent(Config config, String key) {
    if (!config.hasPath(key)) {
      throw new ConfigException.BadValue(PATH + "." + key, "missing (no default found either)");
    }
  }

  /**
   * Flattens one block of Kafka client properties. HOCON reads {@code enable.idempotence = true}
   * as a nested path, so keys are re-joined with dots; quoted keys come out the same.
   */
  private static Map<String, String> clientProperties(Config config, String block, boolean knownOnly) {
    Map<String, String> properties = new TreeMap<>();
    if (!config.hasPath(block)) {
      return properties;
    }
    ConfigValue blockValue = config.getValue(block);
    if (blockValue.valueType() != ConfigValueType.OBJECT) {
      throw bad(blockValue.origin(), block, "expected an object of Kafka client properties, found " + blockValue.valueType());
    }
    for (Map.Entry<String, ConfigValue> entry : config.getConfig(block).entrySet()) {
      String name = String.join(".", ConfigUtil.splitPath(entry.getKey()));
      String settingPath = block + "." + name;
      ConfigValue value = entry.getValue();
      if (RESERVED.contains(name)) {
        throw bad(value.origin(), settingPath, "is set by the sink itself"
            + (name.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) ? "; use " + PATH + ".bootstrap-servers" : ""));
      }
      ConfigDef.ConfigKey known = PRODUCER_DEFINITION.configKeys().get(name);
      if (known == null && knownOnly) {
        throw bad(value.origin(), settingPath, "is not a Kafka producer setting"
            + " (other client properties go under " + PATH + ".properties)");
      }
      String text = scalar(value, settingPath);
      if (known != null) {
        checkKafkaValue(known, text, value.origin(), settingPath);
      }
      properties.put(name, text);
    }
    return properties;
  }

  private static String scalar(ConfigValue value, String settingPath) {
    return switch (value.valueType()) {
      case STRING, NUMBER, BOOLEAN -> String.valueOf(value.unwrapped());
      default -> throw bad(value.origin(), settingPath,
          "expected a string, number or boolean, found " + value.valueType());
    };
  }

  // Kafka would only refuse a bad value when the producer is created, i.e. on every batch.
  private static void checkKafkaValue(ConfigDef.ConfigKey key, String text, ConfigOrigin origin, String settingPath) {
    try {
      Object parsed = ConfigDef.parseType(key.name, text, key.type);
      if (key.validator != null) {
        key.validator.ensureValid(key.name, parsed);
      }
    } catch (org.apache.kafka.common.config.ConfigException e) {
      throw bad(origin, settingPath, e.getMessage());
    }
  }

  // The one cross-property rule KafkaProducer enforces at construction that our defaults touch.
  private static void checkDeliveryTimeout(Map<String, String> properties) {
    long delivery = longOrDefault(properties, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
    long linger = longOrDefault(properties, ProducerConfig.LINGER_MS_CONFIG);
    long request = longOrDefault(properties, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
    if (delivery < linger + request) {
      throw new ConfigException.BadValue(PATH + ".producer.delivery.timeout.ms",
          "must be at least linger.ms + request.timeout.ms (" + linger + " + " + request + "), was " + delivery);
    }
  }

  private static long longOrDefault(Map<String, String> properties, String name) {
    Object value = properties.containsKey(name)
        ? properties.get(name)
        : PRODUCER_DEFINITION.configKeys().get(name).defaultValue;
    return ((Number) ConfigDef.parseType(name, value, ConfigDef.Type.LONG)).longValue();
  }

  private static ConfigException.BadValue bad(ConfigOrigin origin, String key, String problem) {
    return new ConfigException.BadValue(origin, PATH + "." + key, problem);
  }
}
