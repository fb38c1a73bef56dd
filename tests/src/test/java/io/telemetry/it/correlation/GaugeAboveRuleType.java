package io.telemetry.it.correlation;

import com.typesafe.config.Config;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.rule.Evidence;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.MetricRecord;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.correlation.rule.RuleType;
import io.telemetry.correlation.rule.Step;
import io.telemetry.sink.kafka.SampleRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test rule type registered through {@code telemetry.correlation.rule-types}: raised when gauge
 * {@code gauge} of a device is above {@code threshold}, cleared when a record is at or below it,
 * or (when {@code quiet} is set) when no record came for {@code quiet} of event time (a watermark
 * timer). Key = device.
 */
public final class GaugeAboveRuleType implements RuleType {

  public static final String NAME = "gauge-above";

  /** Raised since {@code opened} by the record at {@code cause}; {@code last} = latest record time. */
  public record State(Instant opened, Evidence cause, Instant last) {
    static final State NONE = new State(null, null, null);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RuleInstance create(String instanceName, Config settings) {
    String gauge = settings.getString("gauge");
    double threshold = settings.getDouble("threshold");
    String severity = settings.getString("severity");
    Duration quiet = settings.getDuration("quiet");
    String family = settings.getString("family");
    Logic logic = new Logic(instanceName, gauge, threshold, severity, quiet);
    return new RuleInstance() {
      @Override
      public String name() {
        return instanceName;
      }

      @Override
      public String type() {
        return NAME;
      }

      @Override
      public List<String> families() {
        return List.of(family);
      }

      @Override
      public Optional<String> keyOf(SampleRecord sample) {
        return sample.gauges().containsKey(gauge) ? Optional.of(sample.device()) : Optional.empty();
      }

      @Override
      public KeyCorrelation<?> correlation() {
        return logic;
      }
    };
  }

  private record Logic(String rule, String gauge, double threshold, String severity, Duration quiet)
      implements KeyCorrelation<State> {

    @Override
    public Class<State> stateType() {
      return State.class;
    }

    @Override
    public State initialState(String key) {
      return State.NONE;
    }

    @Override
    public Step<State> onRecord(String key, State state, MetricRecord record) {
      double value = record.sample().gauges().get(gauge);
      boolean raised = state.opened() != null;
      if (!raised && value > threshold) {
        CorrelatedEvent event = event(key, EventState.RAISED, record.time(), null, List.of(record.evidence()), value);
        return new Step<>(new State(record.time(), record.evidence(), record.time()), List.of(event));
      }
      if (raised && value <= threshold) {
        CorrelatedEvent event = event(key, EventState.CLEARED, state.opened(), record.time(),
            List.of(state.cause(), record.evidence()), value);
        return new Step<>(State.NONE, List.of(event));
      }
      return Step.quiet(raised ? new State(state.opened(), state.cause(), max(state.last(), record.time())) : state);
    }

    @Override
    public Step<State> onWatermark(String key, State state, Instant watermark) {
      Instant closed = state.last().plus(quiet);
      CorrelatedEvent event = event(key, EventState.CLEARED, state.opened(), closed, List.of(state.cause()), Double.NaN);
      return new Step<>(State.NONE, List.of(event));
    }

    @Override
    public Optional<Instant> nextTimer(State state) {
      return state.opened() == null || quiet.isZero() ? Optional.empty() : Optional.of(state.last().plus(quiet));
    }

    @Override
    public boolean isEmpty(State state) {
      return state.opened() == null;
    }

    private CorrelatedEvent event(String device, EventState phase, Instant opened, Instant closed,
        List<Evidence> evidence, double value) {
      String what = phase == EventState.RAISED ? "above" : "back at or below";
      return new CorrelatedEvent(rule, NAME, device, phase, severity, device, gauge, opened, closed,
          gauge + " " + what + " " + threshold + " on " + device, evidence,
          Map.of("threshold", Double.toString(threshold), "value", Double.isNaN(value) ? "none" : Double.toString(value)));
    }

    private static Instant max(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }
  }
}
