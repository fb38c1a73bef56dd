package io.telemetry.correlation.slabreach;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.MetricRecord;
import io.telemetry.correlation.rule.Step;
import io.telemetry.correlation.rules.EventFactory;
import io.telemetry.correlation.rules.EventTime;
import io.telemetry.correlation.rules.Numbers;
import io.telemetry.correlation.rules.RecordRef;
import io.telemetry.correlation.slabreach.SlaState.Breach;
import io.telemetry.correlation.slabreach.SlaState.Run;
import io.telemetry.correlation.slabreach.SlaState.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * sla-breach for one uplink (key {@code device|network|serial|uplink}). Each record re-walks the
 * pending samples in event-time order from the settled run, raising when {@code samples}
 * consecutive samples breach and clearing after {@code clear-samples} good ones.
 */
final class SlaCorrelation implements KeyCorrelation<SlaState> {

  static final String LOSS = "loss_percent";
  static final String LATENCY = "latency_ms";
  private static final Comparator<Sample> BY_TIME = Comparator.comparing(Sample::ref, RecordRef.ORDER);

  private final SlaSettings settings;
  private final EventFactory events;

  SlaCorrelation(SlaSettings settings, EventFactory events) {
    this.settings = settings;
    this.events = events;
  }

  @Override
  public Class<SlaState> stateType() {
    return SlaState.class;
  }

  @Override
  public SlaState initialState(String key) {
    return SlaState.initial();
  }

  @Override
  public Step<SlaState> onRecord(String key, SlaState state, MetricRecord record) {
    Double loss = record.sample().gauges().get(LOSS);
    Double latency = record.sample().gauges().get(LATENCY);
    long time = EventTime.nanos(record.time());
    // Meraki's overlapping time spans can repeat a point: one sample per time.
    if ((loss == null && latency == null) || state.pending().stream().anyMatch(s -> s.timeNanos() == time)) {
      return Step.quiet(state);
    }
    List<Sample> pending = new ArrayList<>(state.pending());
    pending.add(new Sample(time, settings.breaches(loss, latency), loss, latency, RecordRef.of(record.evidence())));
    pending.sort(BY_TIME);
    Breach breach = state.breach();
    long floor = state.floorNanos();
    List<CorrelatedEvent> out = new ArrayList<>();
    Run run = state.settled();
    for (Sample sample : pending) {
      run = extend(run, sample);
      List<Sample> first = run.first();
      if (breach == null && run.breaching() && run.count() >= settings.samples() && first.get(0).timeNanos() > floor) {
        List<Sample> cited = first.subList(0, settings.samples());
        breach = new Breach(first.get(0).timeNanos(), cited.get(cited.size() - 1).timeNanos());
        out.add(raised(key, breach, cited));
      } else if (breach != null && !run.breaching() && run.count() >= settings.clearSamples()
          && first.get(0).timeNanos() > breach.raisedAtNanos()) {
        List<Sample> cited = first.subList(0, settings.clearSamples());
        floor = cited.get(cited.size() - 1).timeNanos();
        out.add(cleared(key, breach, floor, cited));
        breach = null;
      }
    }
    return new Step<>(new SlaState(state.settled(), pending, breach, floor), out);
  }

  @Override
  public Step<SlaState> onWatermark(String key, SlaState state, Instant watermark) {
    long w = EventTime.nanos(watermark);
    Run run = state.settled();
    List<Sample> pending = new ArrayList<>();
    for (Sample sample : state.pending()) {
      if (sample.timeNanos() < w) {
        run = extend(run, sample);
      } else {
        pending.add(sample);
      }
    }
    return Step.quiet(new SlaState(run, pending, state.breach(), state.floorNanos()));
  }

  @Override
  public Optional<Instant> nextTimer(SlaState state) {
    return state.pending().isEmpty()
        ? Optional.empty()
        : Optional.of(EventTime.instant(state.pending().get(0).timeNanos() + 1));
  }

  @Override
  public boolean isEmpty(SlaState state) {
    return state.equals(SlaState.initial());
  }

  /** The run after one more sample; keeps only as many first samples as raising or clearing cites. */
  private Run extend(Run run, Sample sample) {
    if (run == null || run.breaching() != sample.breaching()) {
      return new Run(sample.breaching(), 1, List.of(sample));
    }
    int cited = sample.breaching() ? settings.samples() : settings.clearSamples();
    List<Sample> first = new ArrayList<>(run.first());
    if (first.size() < cited) {
      first.add(sample);
    }
    return new Run(run.breaching(), run.count() + 1, first);
  }

  private CorrelatedEvent raised(String key, Breach breach, List<Sample> cited) {
    Sample last = cited.get(cited.size() - 1);
    return events.raised(key, device(key), subject(key), breach.openedNanos(),
        device(key) + " uplink " + subject(key) + " breaches its SLA: " + cited.size()
            + " consecutive samples with loss above " + Numbers.text(settings.lossPercent()) + "% or latency above "
            + Numbers.text(settings.latencyMs()) + " ms (last: " + values(last) + ")",
        cited.stream().map(Sample::ref).toList(), details(key, last));
  }

  private CorrelatedEvent cleared(String key, Breach breach, long closed, List<Sample> cited) {
    Sample last = cited.get(cited.size() - 1);
    return events.cleared(key, device(key), subject(key), breach.openedNanos(), closed,
        device(key) + " uplink " + subject(key) + " within its SLA again: " + cited.size()
            + " consecutive good samples (last: " + values(last) + ")",
        cited.stream().map(Sample::ref).toList(), details(key, last));
  }

  private Map<String, String> details(String key, Sample last) {
    String[] parts = key.split("\\|", -1);
    Map<String, String> details = new TreeMap<>(Map.of(
        "network", parts[1], "serial", parts[2], "uplink", parts[3],
        "loss_percent_threshold", Numbers.text(settings.lossPercent()),
        "latency_ms_threshold", Numbers.text(settings.latencyMs()),
        "samples", Integer.toString(settings.samples()),
        "clear_samples", Integer.toString(settings.clearSamples())));
    if (last.lossPercent() != null) {
      details.put("loss_percent", Numbers.text(last.lossPercent()));
    }
    if (last.latencyMs() != null) {
      details.put("latency_ms", Numbers.text(last.latencyMs()));
    }
    return details;
  }

  private static String values(Sample sample) {
    List<String> values = new ArrayList<>();
    if (sample.lossPercent() != null) {
      values.add("loss " + Numbers.text(sample.lossPercent()) + "%");
    }
    if (sample.latencyMs() != null) {
      values.add("latency " + Numbers.text(sample.latencyMs()) + " ms");
    }
    return String.join(", ", values);
  }

  static String device(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  /** {@code serial/uplink}: the appliance and which of its uplinks. */
  static String subject(String key) {
    String[] parts = key.split("\\|", -1);
    return parts[2] + "/" + parts[3];
  }
}
