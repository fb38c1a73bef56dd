package io.telemetry.sink.kafka;

import io.telemetry.sink.kafka.TopicSetupReport.Problem;
import io.telemetry.sink.kafka.TopicSetupReport.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the Kafka sink's topics exist before it writes (blocking; run it on the blocking-I/O
 * dispatcher or before the actor system starts): describes them, then creates the missing ones
 * ({@code telemetry.kafka.topics.create = on}) or warns naming them ({@code off}).
 *
 * <p>Why not leave it to the broker: many production brokers run with
 * {@code auto.create.topics.enable = false}, where the producer would retry a missing topic until
 * each batch's delivery timeout; and with auto-creation the idempotent producer was seen stuck on
 * topics still being created under load. Existing topics are described first (and never
 * re-created): a principal allowed to write but not to create then still passes.
 *
 * <p>Never throws for Kafka's sake: every problem is logged (error or warning, naming the topics
 * and the setting to change) and returned in the report, and the node carries on.
 */
public final class KafkaTopicSetup {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopicSetup.class);
  private static final String PATH = KafkaTopicSettings.PATH;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private KafkaTopicSetup() {}

  /** The topics of {@code families} as this sink names them, sorted. */
  public static SortedSet<String> topicsOf(KafkaSinkSettings settings, Collection<String> families) {
    SortedSet<String> topics = new TreeSet<>();
    families.forEach(family -> topics.add(settings.topics().topicFor(family)));
    return topics;
  }

  /**
   * Describes the topics of {@code families} and creates the missing ones (or warns), within
   * {@code telemetry.kafka.topics.timeout}; logs what it did.
   */
  public static TopicSetupReport run(KafkaSinkSettings settings, Collection<String> families) {
    SortedSet<String> topics = topicsOf(settings, families);
    KafkaTopicSettings topicSettings = settings.topicSettings();
    Instant deadline = Instant.now().plus(topicSettings.timeout());
    TopicSetupReport report;
    Admin admin = null;
    try {
      admin = Admin.create(adminProperties(settings));
      report = new Run(admin, settings, deadline).setUp(topics);
    } catch (KafkaException e) {
      // The client itself refused to start (e.g. a bad security property): nothing was checked.
      Map<String, State> failed = new TreeMap<>();
      topics.forEach(topic -> failed.put(topic, State.FAILED));
      report = new TopicSetupReport(failed, List.of(new Problem(true, List.copyOf(topics), PATH
          + ": cannot check or create topic(s) " + topics + ": no Kafka Admin client for "
          + settings.bootstrapServers() + ": " + e + "; check " + KafkaSinkSettings.PATH
          + ".properties. The node keeps running and the Kafka sink keeps trying to write to them")));
    } finally {
      if (admin != null) {
        admin.close(CLOSE_TIMEOUT);
      }
    }
    logged(report, settings);
    return report;
  }

  private static Map<String, Object> adminProperties(KafkaSinkSettings settings) {
    Map<String, Object> properties = new TreeMap<>(settings.adminProperties());
    long timeoutMs = settings.topicSettings().timeout().toMillis();
    // One request may take the whole budget but not more; retries stay within it too.
    long requestMs = Math.min(timeoutMs, Long.parseLong(String.valueOf(
        properties.getOrDefault(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs))));
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestMs);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    properties.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "telemetry-topic-setup");
    return properties;
  }

  private static void logged(TopicSetupReport report, KafkaSinkSettings settings) {
    for (Problem problem : report.problems()) {
      if (problem.error()) {
        log.error(problem.message());
      } else {
        log.warn(problem.message());
      }
    }
    List<String> created = report.topicsIn(State.CREATED);
    if (!created.isEmpty()) {
      log.info("Kafka sink topics: created {} at {} ({})", created, settings.bootstrapServers(),
          settings.topicSettings().describe());
    }
    log.info("Kafka sink topics at {}: {} created, {} existed, {} missing, {} failed",
        settings.bootstrapServers(), created.size(), report.topicsIn(State.EXISTED).size(),
        report.topicsIn(State.MISSING).size(), report.topicsIn(State.FAILED).size());
  }

  /** One set-up against one Admin client, with one deadline. */
  private static final class Run {
    private final Admin admin;
    private final KafkaSinkSettings settings;
    private final Instant deadline;
    private final Map<String, State> states = new TreeMap<>();
    private final List<Problem> problems = new ArrayList<>();

    Run(Admin admin, KafkaSinkSettings settings, Instant deadline) {
      this.admin = admin;
      this.settings = settings;
      this.deadline = deadline;
    }

    TopicSetupReport setUp(SortedSet<String> topics) {
      List<String> missing = describe(topics);
      if (!missing.isEmpty()) {
        if (settings.topicSettings().create()) {
          create(missing);
        } else {
          missing.forEach(topic -> states.put(topic, State.MISSING));
          problems.add(new Problem(false, missing, PATH + ".create = off and topic(s) " + missing
              + " do not exist at " + settings.bootstrapServers() + ": the Kafka sink cannot deliver samples of"
              + " their families until they exist (unless the broker auto-creates topics); create them ("
              + settings.topicSettings().describe() + " is what create = on would do) or set "
              + PATH + ".create = on"));
        }
      }
      return new TopicSetupReport(states, problems);
    }

    /** @return the topics that do not exist; the others are marked existed or failed */
    private List<String> describe(SortedSet<String> topics) {
      Map<String, KafkaFuture<?>> results = new LinkedHashMap<>(admin.describeTopics(topics,
          new DescribeTopicsOptions().timeoutMs(remainingMs())).topicNameValues());
      List<String> missing = new ArrayList<>();
      Map<String, Throwable> failures = new LinkedHashMap<>();
      for (Map.Entry<String, KafkaFuture<?>> result : results.entrySet()) {
        Throwable failure = outcome(result.getValue());
        if (failure == null) {
          states.put(result.getKey(), State.EXISTED);
        } else if (failure instanceof UnknownTopicOrPartitionException) {
          missing.add(result.getKey());
        } else {
          failures.put(result.getKey(), failure);
        }
      }
      failed("cannot check topic(s)", failures);
      return missing;
    }

    private void create(List<String> missing) {
      List<NewTopic> newTopics = missing.stream().map(settings.topicSettings()::newTopic).toList();
      Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics,
          new CreateTopicsOptions().timeoutMs(remainingMs())).values();
      Map<String, Throwable> failures = new LinkedHashMap<>();
      for (String topic : missing) {
        Throwable failure = outcome(results.get(topic));
        if (failure == null) {
          states.put(topic, State.CREATED);
        } else if (failure instanceof TopicExistsException) {
          states.put(topic, State.EXISTED); // another node created it at the same time
        } else {
          failures.put(topic, failure);
        }
      }
      failed("cannot create topic(s)", failures);
    }

    /** Marks the topics failed and adds one error per distinct cause (one cause usually hits them all). */
    private void failed(String what, Map<String, Throwable> failures) {
      Map<String, List<String>> topicsByCause = new LinkedHashMap<>();
      Map<String, Throwable> causes = new LinkedHashMap<>();
      failures.forEach((topic, cause) -> {
        states.put(topic, State.FAILED);
        String key = cause.getClass().getSimpleName() + ": "
            + (cause.getMessage() != null ? cause.getMessage() : "no answer in time");
        topicsByCause.computeIfAbsent(key, k -> new ArrayList<>()).add(topic);
        causes.putIfAbsent(key, cause);
      });
      topicsByCause.forEach((key, topics) -> problems.add(new Problem(true, topics,
          PATH + ": " + what + " " + topics + " at " + settings.bootstrapServers() + " ("
              + settings.topicSettings().describe() + "): " + key + "; " + advice(causes.get(key))
              + ". The node keeps running and the Kafka sink keeps trying to write to them")));
    }

    private String advice(Throwable cause) {
      KafkaTopicSettings topicSettings = settings.topicSettings();
      if (cause instanceof InvalidReplicationFactorException) {
        return "set " + PATH + ".replication-factor (" + topicSettings.replicationFactor()
            + ") to at most the number of brokers, or -1 for the broker's default.replication.factor";
      }
      if (cause instanceof InvalidPartitionsException) {
        return "set " + PATH + ".partitions (" + topicSettings.partitions() + ") to a count the brokers accept";
      }
      if (cause instanceof InvalidConfigurationException) {
        return "fix " + PATH + ".configs " + topicSettings.configs();
      }
      if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
        return "grant this node's Kafka principal DESCRIBE and CREATE on them, or create them yourself and set "
            + PATH + ".create = off";
      }
      if (cause instanceof PolicyViolationException) {
        return "the brokers' create.topic.policy refused them: change " + PATH + ".* to suit it, or create them"
            + " yourself and set " + PATH + ".create = off";
      }
      if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        return "the brokers did not answer within " + PATH + ".timeout (" + topicSettings.timeout()
            + "): check " + KafkaSinkSettings.PATH + ".bootstrap-servers and that the brokers are up";
      }
      return "create them yourself and set " + PATH + ".create = off, or fix the cause";
    }

    /** The future's failure, or null when it succeeded; waits at most until the deadline. */
    private Throwable outcome(KafkaFuture<?> future) {
      try {
        future.get(remainingMs(), TimeUnit.MILLISECONDS);
        return null;
      } catch (ExecutionException e) {
        return e.getCause() != null ? e.getCause() : e;
      } catch (TimeoutException e) {
        return e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return e;
      }
    }

    private int remainingMs() {
      return (int) Math.min(Integer.MAX_VALUE, Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
    }
  }
}
