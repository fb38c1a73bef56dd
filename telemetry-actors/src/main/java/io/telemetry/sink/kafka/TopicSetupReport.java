package io.telemetry.sink.kafka;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the start-up topic set-up ({@link KafkaTopicSetup}) found and did: the state of each of the
 * sink's topics, and the problems it logged, each saying what to do.
 *
 * @param states   every topic of the sink, by name
 * @param problems the warnings and errors logged, in order
 */
public record TopicSetupReport(Map<String, State> states, List<Problem> problems) {

  /** Where a topic stands after the set-up. */
  public enum State {
    /** Created by this node now. */
    CREATED,
    /** Was there already. */
    EXISTED,
    /** Does not exist and was not created ({@code create = off}). */
    MISSING,
    /** Could not be created, or not even checked (brokers unreachable, not authorized). */
    FAILED;

    /** Lower case, as in log lines and metric labels. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One log line: an error (a topic could not be created or checked) or a warning (topics missing). */
  public record Problem(boolean error, List<String> topics, String message) {
    public Problem {
      topics = List.copyOf(topics);
    }
  }

  public TopicSetupReport {
    states = Collections.unmodifiableMap(new TreeMap<>(states));
    problems = List.copyOf(problems);
  }

  /** The topics in {@code state}, sorted. */
  public List<String> topicsIn(State state) {
    return states.entrySet().stream().filter(e -> e.getValue() == state).map(Map.Entry::getKey).toList();
  }
}
