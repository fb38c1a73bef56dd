package io.telemetry.correlation.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings under {@code telemetry.correlation} that every rule instance shares.
 *
 * @param instanceId            stable id of this process among the instances of a rule
 * @param bootstrapServers      Kafka brokers (telemetry.kafka.bootstrap-servers unless set)
 * @param metricTopicPattern    metric topic of a family ({@code {family}})
 * @param topics                event, changelog and group names of a rule ({@code {rule}})
 * @param lateness              the lateness bound (event time)
 * @param inputIdle             how far (event time) a silent or lagging input may hold a task's watermark back
 * @param commitInterval        how often a transaction is committed
 * @param replicationFactor     of the topics this service creates
 * @param createMissingInputs   create missing input topics instead of failing
 * @param inputTopicPartitions  partitions of input topics created here
 * @param parallelism           records in evaluation at once
 * @param askTimeout            how long one record's evaluation may take
 * @param drainTimeout          how long a rebalance waits for in-flight records to commit
 * @param transactionTimeout    Kafka transaction.timeout.ms
 * @param restartDelay          delay before a failed stream is started again
 * @param metricsLogInterval    how often counts are logged
 * @param kafkaProperties       extra Kafka client properties (telemetry.kafka.properties, then kafka-properties)
 * @param consumerProperties    extra properties of the consumer only
 */
public record CorrelationSettings(
    String instanceId,
    String bootstrapServers,
    String metricTopicPattern,
    RuleTopics topics,
    Duration lateness,
    Duration inputIdle,
    Duration commitInterval,
    short replicationFactor,
    boolean createMissingInputs,
    int inputTopicPartitions,
    int parallelism,
    Duration askTimeout,
    Duration drainTimeout,
    Duration transactionTimeout,
    Duration restartDelay,
    Duration metricsLogInterval,
    Map<String, String> kafkaProperties,
    Map<String, String> consumerProperties) {

  public static final String PATH = "telemetry.correlation";

  /** Reads {@code telemetry.correlation} of a resolved root config. */
  public static CorrelationSettings from(Config root) {
    Config c = root.getConfig(PATH);
    String instanceId = c.getString("instance-id").isBlank() ? hostName() : c.getString("instance-id").trim();
    if (!instanceId.matches("[a-zA-Z0-9._-]+")) {
      throw new ConfigException.BadValue(PATH + ".instance-id",
          "'" + instanceId + "' may only contain a-z, A-Z, 0-9, '.', '_', '-' (it names transactional ids)");
    }
    String bootstrap = orKafka(root, c, "bootstrap-servers", "bootstrap-servers");
    if (bootstrap.isBlank()) {
      throw new ConfigException.BadValue(PATH + ".bootstrap-servers",
          "is empty and so is telemetry.kafka.bootstrap-servers; set it to host:port[,host:port...]");
    }
    String metricPattern = orKafka(root, c, "metric-topic-pattern", "topic-pattern");
    if (!metricPattern.contains("{family}")) {
      throw new ConfigException.BadValue(PATH + ".metric-topic-pattern", "'" + metricPattern + "' must contain {family}");
    }
    Map<String, String> kafkaProperties = new LinkedHashMap<>();
    if (root.hasPath("telemetry.kafka.properties")) {
      kafkaProperties.putAll(properties(root.getConfig("telemetry.kafka.properties")));
    }
    kafkaProperties.putAll(properties(c.getConfig("kafka-properties")));
    RuleTopics topics = new RuleTopics(
        pattern(c, "event-topic-pattern"), pattern(c, "changelog-topic-pattern"), pattern(c, "group-id-pattern"));
    int replication = c.getInt("topic-replication-factor");
    if (replication < 1 || replication > Short.MAX_VALUE) {
      throw new ConfigException.BadValue(PATH + ".topic-replication-factor", "must be at least 1, was " + replication);
    }
    return new CorrelationSettings(
        instanceId,
        bootstrap,
        metricPattern,
        topics,
        positive(c, "lateness", true),
        positive(c, "input-idle", true),
        positive(c, "commit-interval", false),
        (short) replication,
        c.getBoolean("create-missing-input-topics"),
        atLeastOne(c, "input-topic-partitions"),
        atLeastOne(c, "parallelism"),
        positive(c, "ask-timeout", false),
        positive(c, "drain-timeout", false),
        positive(c, "transaction-timeout", false),
        positive(c, "restart-delay", false),
        positive(c, "metrics-log-interval", false),
        Map.copyOf(kafkaProperties),
        properties(c.getConfig("consumer-properties")));
  }

  /** The metric topic of a measurement family. */
  public String metricTopic(String family) {
    return metricTopicPattern.replace("{family}", family);
  }

  /** The correlation setting, or when it is "" the telemetry.kafka one it defaults to. */
  private static String orKafka(Config root, Config c, String name, String kafkaName) {
    String own = c.getString(name);
    if (!own.isBlank() || !root.hasPath("telemetry.kafka." + kafkaName)) {
      return own.trim();
    }
    return root.getString("telemetry.kafka." + kafkaName).trim();
  }

  private static String pattern(Config c, String name) {
    String value = c.getString(name);
    if (!value.contains(RuleTopics.PLACEHOLDER)) {
      throw new ConfigException.BadValue(PATH + "." + name,
          "'" + value + "' must contain " + RuleTopics.PLACEHOLDER + " (one per rule instance)");
    }
    return value;
  }

  private static Duration positive(Config c, String name, boolean zeroAllowed) {
    Duration value = c.getDuration(name);
    if (value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new ConfigException.BadValue(PATH + "." + name,
          "must be " + (zeroAllowed ? "zero or more" : "more than zero") + ", was " + value);
    }
    return value;
  }

  private static int atLeastOne(Config c, String name) {
    int value = c.getInt(name);
    if (value < 1) {
      throw new ConfigException.BadValue(PATH + "." + name, "must be at least 1, was " + value);
    }
    return value;
  }

  private static Map<String, String> properties(Config block) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> entry : block.entrySet()) {
      out.put(entry.getKey(), String.valueOf(entry.getValue().unwrapped()));
    }
    return Map.copyOf(out);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^a-zA-Z0-9._-]", "_");
    } catch (UnknownHostException e) {
      throw new ConfigException.BadValue(PATH + ".instance-id",
          "is empty and the host name cannot be read (" + e.getMessage() + "); set it");
    }
  }
}
