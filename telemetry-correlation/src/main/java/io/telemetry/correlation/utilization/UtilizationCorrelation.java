package io.telemetry.correlation.utilization;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.MetricRecord;
import io.telemetry.correlation.rule.Step;
import io.telemetry.correlation.rules.EventFactory;
import io.telemetry.correlation.rules.EventTime;
import io.telemetry.correlation.rules.Numbers;
import io.telemetry.correlation.rules.RecordRef;
import io.telemetry.correlation.utilization.UtilizationState.Direction;
import io.telemetry.correlation.utilization.UtilizationState.Level;
import io.telemetry.correlation.utilization.UtilizationState.Raised;
import io.telemetry.correlation.utilization.UtilizationState.Run;
import io.telemetry.correlation.utilization.UtilizationState.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * sustained-utilization for one interface (key {@code device|interface}); each direction is its
 * own event (key {@code device|interface|in} or {@code |out}). Each record re-walks the pending
 * samples in event-time order from the settled runs.
 */
final class UtilizationCorrelation implements KeyCorrelation<UtilizationState> {

  static final String SPEED = "speed_bps";
  static final String IN = "in_octets";
  static final String OUT = "out_octets";
  private static final Comparator<Sample> BY_TIME = Comparator.comparing(Sample::ref, RecordRef.ORDER);

  private final UtilizationSettings settings;
  private final EventFactory events;
  private final long durationNanos;

  UtilizationCorrelation(UtilizationSettings settings, EventFactory events) {
    this.settings = settings;
    this.events = events;
    this.durationNanos = EventTime.nanos(settings.duration());
  }

  @Override
  public Class<UtilizationState> stateType() {
    return UtilizationState.class;
  }

  @Override
  public UtilizationState initialState(String key) {
    return UtilizationState.initial();
  }

  @Override
  public Step<UtilizationState> onRecord(String key, UtilizationState state, MetricRecord record) {
    Double speed = record.sample().gauges().get(SPEED);
    if (speed == null || !(speed > 0)) {
      return Step.quiet(state);
    }
    List<Sample> pending = new ArrayList<>(state.pending());
    pending.add(new Sample(EventTime.nanos(record.time()), percent(record.sample().rates().get(IN), speed),
        percent(record.sample().rates().get(OUT), speed), speed, RecordRef.of(record.evidence())));
    pending.sort(BY_TIME);
    List<CorrelatedEvent> out = new ArrayList<>();
    Direction in = evaluate(key, "in", state.in(), pending, Sample::inPercent, out);
    Direction outbound = evaluate(key, "out", state.out(), pending, Sample::outPercent, out);
    return new Step<>(new UtilizationState(in, outbound, pending), out);
  }

  private Direction evaluate(String key, String direction, Direction state, List<Sample> pending,
      Function<Sample, Double> percent, List<CorrelatedEvent> out) {
    Raised raised = state.raised();
    long floor = state.floorNanos();
    Run run = state.settled();
    for (Sample sample : pending) {
      Double value = percent.apply(sample);
      if (value == null) {
        continue; // no rate this time: the run neither breaks nor grows
      }
      run = extend(run, settings.level(value), sample);
      long start = run.start().timeNanos();
      boolean held = sample.timeNanos() - start >= durationNanos;
      if (raised == null && held && run.level() == Level.ABOVE && start > floor) {
        raised = new Raised(start, sample.timeNanos());
        out.add(events.raised(key + "|" + direction, device(key), subject(key), start,
            summary(key, direction, "above " + Numbers.text(settings.raisePercent()), value, sample),
            List.of(run.start(), sample.ref()), details(direction, value, sample)));
      } else if (raised != null && held && run.level() == Level.BELOW && start > raised.raisedAtNanos()) {
        floor = sample.timeNanos();
        out.add(events.cleared(key + "|" + direction, device(key), subject(key), raised.openedNanos(), floor,
            summary(key, direction, "below " + Numbers.text(settings.clearPercent()), value, sample),
            List.of(run.start(), sample.ref()), details(direction, value, sample)));
        raised = null;
      }
    }
    return new Direction(state.settled(), raised, floor);
  }

  @Override
  public Step<UtilizationState> onWatermark(String key, UtilizationState state, Instant watermark) {
    long w = EventTime.nanos(watermark);
    Run in = state.in().settled();
    Run outbound = state.out().settled();
    List<Sample> pending = new ArrayList<>();
    for (Sample sample : state.pending()) {
      if (sample.timeNanos() >= w) {
        pending.add(sample);
        continue;
      }
      if (sample.inPercent() != null) {
        in = extend(in, settings.level(sample.inPercent()), sample);
      }
      if (sample.outPercent() != null) {
        outbound = extend(outbound, settings.level(sample.outPercent()), sample);
      }
    }
    return Step.quiet(new UtilizationState(settled(state.in(), in), settled(state.out(), outbound), pending));
  }

  @Override
  public Optional<Instant> nextTimer(UtilizationState state) {
    return state.pending().isEmpty()
        ? Optional.empty()
        : Optional.of(EventTime.instant(state.pending().get(0).timeNanos() + 1));
  }

  @Override
  public boolean isEmpty(UtilizationState state) {
    return state.equals(UtilizationState.initial());
  }

  private static Run extend(Run run, Level level, Sample sample) {
    return run != null && run.level() == level ? run : new Run(level, sample.ref());
  }

  private static Direction settled(Direction direction, Run run) {
    return new Direction(run, direction.raised(), direction.floorNanos());
  }

  private static Double percent(Double bytesPerSecond, double speedBps) {
    return bytesPerSecond == null ? null : bytesPerSecond * 8 / speedBps * 100;
  }

  private String summary(String key, String direction, String bound, double value, Sample sample) {
    return device(key) + " " + subject(key) + " " + direction + "bound utilization " + bound + "% of "
        + Numbers.text(sample.speedBps() / 1e6) + " Mbit/s for " + EventTime.human(settings.duration())
        + " (now " + Numbers.text(value) + "%)";
  }

  private Map<String, String> details(String direction, double value, Sample sample) {
    return Map.of("direction", direction,
        "utilization_percent", Numbers.text(value),
        "speed_bps", Numbers.text(sample.speedBps()),
        "raise_percent", Numbers.text(settings.raisePercent()),
        "clear_percent", Numbers.text(settings.clearPercent()),
        "duration", settings.duration().toString());
  }

  static String device(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  static String subject(String key) {
    return key.substring(key.indexOf('|') + 1);
  }
}
