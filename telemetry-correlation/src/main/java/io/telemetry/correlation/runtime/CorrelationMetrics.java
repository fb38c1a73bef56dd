package io.telemetry.correlation.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of one rule instance in this process, updated by its stream and actors (lock-free
 * adders), read by tests, the periodic log line and (later) a metrics exporter.
 */
public final class CorrelationMetrics {

  private final String rule;
  private final LongAdder consumed = new LongAdder();
  private final LongAdder evaluated = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder raised = new LongAdder();
  private final LongAdder cleared = new LongAdder();
  private final LongAdder restores = new LongAdder();
  private final Map<String, LongAdder> malformed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> late = new ConcurrentHashMap<>();

  public CorrelationMetrics(String rule) {
    this.rule = rule;
  }

  /**
   * A consistent-enough copy of the counts.
   *
   * @param consumed  records read from the input topics
   * @param evaluated records given to the rule (well-formed, in time, of a selected device)
   * @param skipped   well-formed records the rule had no key for, or of a device not selected
   * @param malformed per input topic, records that are not valid metric records
   * @param late      per input topic, records beyond the lateness bound
   * @param raised    raised events published (committed or about to be)
   * @param cleared   cleared events published
   * @param restores  partition tasks restored from the changelog
   */
  public record Snapshot(String rule, long consumed, long evaluated, long skipped, Map<String, Long> malformed,
      Map<String, Long> late, long raised, long cleared, long restores) {

    public long malformedTotal() {
      return malformed.values().stream().mapToLong(Long::longValue).sum();
    }

    public long lateTotal() {
      return late.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line for the log. */
    public String line() {
      return "rule " + rule + ": consumed " + consumed + ", evaluated " + evaluated + ", skipped " + skipped
          + ", malformed " + malformed + ", late " + late + ", events raised " + raised + ", cleared " + cleared
          + ", partition restores " + restores;
    }
  }

  public Snapshot snapshot() {
    return new Snapshot(rule, consumed.sum(), evaluated.sum(), skipped.sum(), copy(malformed), copy(late),
        raised.sum(), cleared.sum(), restores.sum());
  }

  void consumed() {
    consumed.increment();
  }

  void evaluated() {
    evaluated.increment();
  }

  void skipped() {
    skipped.increment();
  }

  void malformed(String topic) {
    malformed.computeIfAbsent(topic, t -> new LongAdder()).increment();
  }

  void late(String topic) {
    late.computeIfAbsent(topic, t -> new LongAdder()).increment();
  }

  void raised() {
    raised.increment();
  }

  void cleared() {
    cleared.increment();
  }

  void restored() {
    restores.increment();
  }

  private static Map<String, Long> copy(Map<String, LongAdder> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((topic, count) -> out.put(topic, count.sum()));
    return Map.copyOf(out);
  }
}
