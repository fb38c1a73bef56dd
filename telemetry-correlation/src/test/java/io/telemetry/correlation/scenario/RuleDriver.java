package io.telemetry.correlation.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.MetricRecord;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.correlation.rule.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Feeds records to one rule instance the way the runtime does: keyOf, drop late records,
 * onRecord, then onWatermark for every key whose timer is due, the watermark being the minimum
 * over the inputs seen of (max sample time - lateness). Optionally writes every state to JSON and
 * reads it back after each step, as a restart from the changelog would.
 */
public final class RuleDriver {

  private final RuleInstance rule;
  private final Duration lateness;
  private final boolean roundTrip;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, Object> states = new TreeMap<>();
  private final Map<String, Instant> maxTimeByTopic = new HashMap<>();
  private final List<CorrelatedEvent> events = new ArrayList<>();
  private Instant watermark = Instant.MIN;
  private int late;

  public RuleDriver(RuleInstance rule, Duration lateness, boolean roundTrip) {
    this.rule = rule;
    this.lateness = lateness;
    this.roundTrip = roundTrip;
  }

  public void feed(MetricRecord record) {
    Optional<String> key = rule.keyOf(record.sample());
    String topic = record.evidence().topic();
    Instant max = maxTimeByTopic.get(topic);
    if (max != null && record.time().isBefore(max.minus(lateness))) {
      late++;
      return;
    }
    maxTimeByTopic.merge(topic, record.time(), (a, b) -> a.isAfter(b) ? a : b);
    key.ifPresent(k -> apply(k, stepOnRecord(rule.correlation(), k, record)));
    Instant candidate = maxTimeByTopic.values().stream().min(Instant::compareTo).orElseThrow().minus(lateness);
    if (candidate.isAfter(watermark)) {
      watermark = candidate;
    }
    fireTimers();
  }

  private void fireTimers() {
    for (String key : List.copyOf(states.keySet())) {
      for (int guard = 0; ; guard++) {
        if (guard > 1000) {
          throw new AssertionError("key " + key + ": timer does not move past watermark " + watermark);
        }
        Optional<Instant> timer = timer(rule.correlation(), states.get(key));
        if (timer.isEmpty() || timer.get().isAfter(watermark)) {
          break;
        }
        apply(key, stepOnWatermark(rule.correlation(), key, watermark));
      }
    }
  }

  private <S> Step<S> stepOnRecord(KeyCorrelation<S> correlation, String key, MetricRecord record) {
    return correlation.onRecord(key, state(correlation, key), record);
  }

  private <S> Step<S> stepOnWatermark(KeyCorrelation<S> correlation, String key, Instant at) {
    return correlation.onWatermark(key, state(correlation, key), at);
  }

  @SuppressWarnings("unchecked")
  private <S> Optional<Instant> timer(KeyCorrelation<S> correlation, Object state) {
    return correlation.nextTimer((S) state);
  }

  @SuppressWarnings("unchecked")
  private <S> S state(KeyCorrelation<S> correlation, String key) {
    Object state = states.get(key);
    return state == null ? correlation.initialState(key) : (S) state;
  }

  private <S> void apply(String key, Step<S> step) {
    events.addAll(step.events());
    @SuppressWarnings("unchecked")
    KeyCorrelation<S> correlation = (KeyCorrelation<S>) rule.correlation();
    if (correlation.isEmpty(step.state())) {
      states.remove(key);
    } else {
      states.put(key, roundTrip ? roundTrip(correlation, step.state()) : step.state());
    }
  }

  private <S> S roundTrip(KeyCorrelation<S> correlation, S state) {
    try {
      S read = mapper.readValue(mapper.writeValueAsBytes(state), correlation.stateType());
      if (!read.equals(state)) {
        throw new AssertionError("state changed in a JSON round trip:\n" + state + "\n" + read);
      }
      return read;
    } catch (JsonProcessingException e) {
      throw new AssertionError("state does not round-trip through JSON: " + state, e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public List<CorrelatedEvent> events() {
    return List.copyOf(events);
  }

  /** Records dropped as later than the lateness bound. */
  public int late() {
    return late;
  }

  public Map<String, Object> states() {
    return Map.copyOf(states);
  }
}
