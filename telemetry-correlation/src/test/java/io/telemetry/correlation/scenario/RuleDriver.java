package io.telemetry.correlation.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.MetricRecord;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.correlation.rule.Step;
import io.telemetry.correlation.runtime.StateJson;
import io.telemetry.correlation.runtime.TaskMeta;
import io.telemetry.correlation.runtime.TaskWatermark;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Feeds records to one rule instance the way the runtime does: keyOf, drop late records,
 * onRecord, then onWatermark for every key whose timer is due, with the runtime's own
 * {@link TaskWatermark} (inputs = the rule's families' metric topics). Optionally writes every
 * state (and the task metadata) to JSON and reads it back after each step, as a restart from the
 * changelog would.
 */
public final class RuleDriver {

  /** {@code telemetry.correlation.input-idle}'s default. */
  public static final Duration DEFAULT_INPUT_IDLE = Duration.ofMinutes(5);

  private final RuleInstance rule;
  private final Duration lateness;
  private final boolean roundTrip;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, Object> states = new TreeMap<>();
  private final List<CorrelatedEvent> events = new ArrayList<>();
  private final List<String> inputs;
  private final Duration inputIdle;
  private TaskWatermark clock;
  private int late;

  /** A driver with the runtime's default {@code input-idle} (5m). */
  public RuleDriver(RuleInstance rule, Duration lateness, boolean roundTrip) {
    this(rule, lateness, DEFAULT_INPUT_IDLE, roundTrip);
  }

  public RuleDriver(RuleInstance rule, Duration lateness, Duration inputIdle, boolean roundTrip) {
    this.rule = rule;
    this.lateness = lateness;
    this.roundTrip = roundTrip;
    this.inputIdle = inputIdle;
    this.inputs = rule.families().stream().map(f -> "telemetry.metrics." + f).toList();
    this.clock = new TaskWatermark(inputs, lateness, inputIdle, TaskMeta.EMPTY);
  }

  public void feed(MetricRecord record) {
    Optional<String> key = rule.keyOf(record.sample());
    String topic = record.evidence().topic();
    if (clock.isLate(topic, record.time())) {
      late++;
      return;
    }
    clock.observe(topic, record.time());
    key.ifPresent(k -> apply(k, stepOnRecord(rule.correlation(), k, record)));
    clock.advance();
    if (clock.watermark() != null) {
      fireTimers(clock.watermark());
    }
    if (roundTrip) {
      TaskMeta meta = StateJson.read(StateJson.write(clock.meta()), TaskMeta.class);
      clock = new TaskWatermark(inputs, lateness, inputIdle, meta);
    }
  }

  private void fireTimers(Instant watermark) {
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
