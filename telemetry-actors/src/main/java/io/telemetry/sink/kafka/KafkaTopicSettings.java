package io.telemetry.sink.kafka;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The {@code telemetry.kafka.topics} block: whether the node creates the sink's topics at start
 * (else it only checks they exist), and how it creates them.
 *
 * @param create            create missing topics ({@code on}) or only report them ({@code off})
 * @param partitions        partitions of created topics; {@link #BROKER_DEFAULT} = the broker's {@code num.partitions}
 * @param replicationFactor replicas of created topics; {@link #BROKER_DEFAULT} = the broker's
 *                          {@code default.replication.factor}
 * @param configs           topic configs of created topics ({@code retention.ms -> 604800000})
 * @param timeout           how long the start-up creation or check may take in all
 */
public record KafkaTopicSettings(
    boolean create, int partitions, short replicationFactor, Map<String, String> configs, Duration timeout) {

  /** Where this block lives; every error names a path below it. */
  public static final String PATH = KafkaSinkSettings.PATH + ".topics";

  /** {@code partitions} or {@code replication-factor} left to the broker. */
  public static final int BROKER_DEFAULT = -1;

  // Kafka's own list of topic-level configs: a typo (retention.msec) is refused at start rather
  // than by the broker for every topic.
  private static final Set<String> TOPIC_CONFIGS = topicConfigNames();

  public KafkaTopicSettings {
    if (partitions != BROKER_DEFAULT && partitions < 1) {
      throw new ConfigException.BadValue(PATH + ".partitions",
          "must be at least 1, or " + BROKER_DEFAULT + " for the broker's num.partitions; was " + partitions);
    }
    if (replicationFactor != BROKER_DEFAULT && replicationFactor < 1) {
      throw new ConfigException.BadValue(PATH + ".replication-factor", "must be at least 1, or " + BROKER_DEFAULT
          + " for the broker's default.replication.factor; was " + replicationFactor);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ConfigException.BadValue(PATH + ".timeout", "must be positive, was " + timeout);
    }
    configs = Collections.unmodifiableMap(new TreeMap<>(configs));
  }

  /** Reads and validates {@code topics} of the {@code telemetry.kafka} block (reference defaults merged). */
  static KafkaTopicSettings fromConfig(Config telemetryKafka) {
    Config c = block(telemetryKafka);
    return new KafkaTopicSettings(
        bool(c, "create"), integer(c, "partitions"), replicationFactor(c), configs(c), duration(c, "timeout"));
  }

  /** The topic to create for {@code name}, with the broker's defaults where this block leaves them. */
  public NewTopic newTopic(String name) {
    Optional<Integer> count = partitions == BROKER_DEFAULT ? Optional.empty() : Optional.of(partitions);
    Optional<Short> replicas = replicationFactor == BROKER_DEFAULT ? Optional.empty() : Optional.of(replicationFactor);
    return new NewTopic(name, count, replicas).configs(configs);
  }

  /** How created topics look, for log lines: {@code 6 partitions, replication factor of the broker}. */
  public String describe() {
    return (partitions == BROKER_DEFAULT ? "the broker's partition count" : partitions + " partitions")
        + ", " + (replicationFactor == BROKER_DEFAULT ? "the broker's replication factor"
            : "replication factor " + replicationFactor)
        + (configs.isEmpty() ? "" : ", configs " + configs);
  }

  private static Config block(Config telemetryKafka) {
    if (!telemetryKafka.hasPath("topics")) {
      throw new ConfigException.BadValue(PATH, "missing (no default found either)");
    }
    ConfigValue value = telemetryKafka.getValue("topics");
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw new ConfigException.BadValue(value.origin(), PATH, "expected an object, found " + value.valueType());
    }
    return telemetryKafka.getConfig("topics");
  }

  private static boolean bool(Config c, String key) {
    try {
      return c.getBoolean(key);
    } catch (ConfigException e) {
      throw bad(c, key, "expected on or off", e);
    }
  }

  private static int integer(Config c, String key) {
    try {
      return c.getInt(key);
    } catch (ConfigException e) {
      throw bad(c, key, "expected a whole number", e);
    }
  }

  private static short replicationFactor(Config c) {
    int value = integer(c, "replication-factor");
    if (value > Short.MAX_VALUE) {
      throw new ConfigException.BadValue(c.getValue("replication-factor").origin(), PATH + ".replication-factor",
          "too large: " + value);
    }
    return (short) value;
  }

  private static Duration duration(Config c, String key) {
    try {
      return c.getDuration(key);
    } catch (ConfigException e) {
      throw bad(c, key, "expected a duration such as 30s", e);
    }
  }

  /** {@code retention.ms = 1000} is a nested path in HOCON: keys are re-joined with dots. */
  private static Map<String, String> configs(Config c) {
    if (!c.hasPath("configs")) {
      return Map.of();
    }
    ConfigValue block = c.getValue("configs");
    if (block.valueType() != ConfigValueType.OBJECT) {
      throw new ConfigException.BadValue(block.origin(), PATH + ".configs",
          "expected an object of topic configs (retention.ms = ...), found " + block.valueType());
    }
    Map<String, String> configs = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : c.getConfig("configs").entrySet()) {
      String name = String.join(".", ConfigUtil.splitPath(entry.getKey()));
      String path = PATH + ".configs." + name;
      ConfigValue value = entry.getValue();
      if (!TOPIC_CONFIGS.contains(name)) {
        throw new ConfigException.BadValue(value.origin(), path, "is not a Kafka topic config (known: "
            + String.join(", ", TOPIC_CONFIGS) + ")");
      }
      configs.put(name, switch (value.valueType()) {
        case STRING, NUMBER, BOOLEAN -> String.valueOf(value.unwrapped());
        default -> throw new ConfigException.BadValue(value.origin(), path,
            "expected a string, number or boolean, found " + value.valueType());
      });
    }
    return configs;
  }

  private static ConfigException.BadValue bad(Config c, String key, String expected, ConfigException cause) {
    if (!c.hasPath(key)) {
      return new ConfigException.BadValue(PATH + "." + key, "missing (no default found either)");
    }
    ConfigValue value = c.getValue(key);
    return new ConfigException.BadValue(value.origin(), PATH + "." + key,
        expected + ", found " + value.render(), cause);
  }

  private static Set<String> topicConfigNames() {
    Set<String> names = new TreeSet<>();
    for (Field field : TopicConfig.class.getFields()) {
      if (field.getName().endsWith("_CONFIG") && Modifier.isStatic(field.getModifiers())
          && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + field, e);
        }
      }
    }
    return Collections.unmodifiableSet(names);
  }
}
