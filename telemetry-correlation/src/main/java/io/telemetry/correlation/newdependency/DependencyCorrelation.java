package io.telemetry.correlation.newdependency;

import io.telemetry.correlation.newdependency.DependencyState.Sighting;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.MetricRecord;
import io.telemetry.correlation.rule.Step;
import io.telemetry.correlation.rules.EventFactory;
import io.telemetry.correlation.rules.EventTime;
import io.telemetry.correlation.rules.RecordRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * new-dependency for one host (key = device). Hostgroups first seen within {@code learning-period}
 * of the host's first record are its baseline; any other hostgroup raises one point event
 * (event key {@code device|hostgroup}, never cleared) once its first sighting is settled.
 */
final class DependencyCorrelation implements KeyCorrelation<DependencyState> {

  static final String HOSTGROUP = "remote_hostgroup";
  private static final Comparator<Sighting> BY_TIME = Comparator.comparing(Sighting::ref, RecordRef.ORDER);

  private final Duration learningPeriod;
  private final EventFactory events;

  DependencyCorrelation(Duration learningPeriod, EventFactory events) {
    this.learningPeriod = learningPeriod;
    this.events = events;
  }

  @Override
  public Class<DependencyState> stateType() {
    return DependencyState.class;
  }

  @Override
  public DependencyState initialState(String key) {
    return DependencyState.initial();
  }

  @Override
  public Step<DependencyState> onRecord(String key, DependencyState state, MetricRecord record) {
    Map<String, String> tags = record.sample().tags();
    String hostgroup = tags.get(HOSTGROUP);
    if (hostgroup == null || (state.firstNanos() != null && state.known().contains(hostgroup))) {
      return Step.quiet(state);
    }
    Sighting sighting = new Sighting(hostgroup, tags.get("port"), tags.get("process"), RecordRef.of(record.evidence()));
    List<Sighting> pending = new ArrayList<>();
    boolean earlier = true;
    for (Sighting seen : state.pending()) {
      if (seen.hostgroup().equals(hostgroup)) {
        earlier = BY_TIME.compare(sighting, seen) < 0;
        if (!earlier) {
          pending.add(seen);
        }
      } else {
        pending.add(seen);
      }
    }
    if (earlier) {
      pending.add(sighting);
    }
    pending.sort(BY_TIME);
    return Step.quiet(new DependencyState(state.firstNanos(), state.known(), pending));
  }

  @Override
  public Step<DependencyState> onWatermark(String key, DependencyState state, Instant watermark) {
    long w = EventTime.nanos(watermark);
    Long first = state.firstNanos();
    List<String> known = new ArrayList<>(state.known());
    List<Sighting> pending = new ArrayList<>();
    List<CorrelatedEvent> out = new ArrayList<>();
    for (Sighting sighting : state.pending()) {
      long time = sighting.ref().timeNanos();
      if (time >= w) {
        pending.add(sighting);
        continue;
      }
      if (first == null) {
        first = time;
      }
      if (known.contains(sighting.hostgroup())) {
        continue;
      }
      known.add(sighting.hostgroup());
      if (time - first >= EventTime.nanos(learningPeriod)) {
        out.add(event(key, sighting, first));
      }
    }
    return new Step<>(new DependencyState(first, known, pending), out);
  }

  private CorrelatedEvent event(String key, Sighting sighting, long first) {
    Map<String, String> details = new TreeMap<>();
    details.put("hostgroup", sighting.hostgroup());
    details.put("learning_period", learningPeriod.toString());
    details.put("first_record", EventTime.instant(first).toString());
    if (sighting.port() != null) {
      details.put("port", sighting.port());
    }
    if (sighting.process() != null) {
      details.put("process", sighting.process());
    }
    return events.raised(key + "|" + sighting.hostgroup(), key, sighting.hostgroup(), sighting.ref().timeNanos(),
        key + " has a new upstream dependency on hostgroup " + sighting.hostgroup()
            + (sighting.port() == null ? "" : " (port " + sighting.port() + ")")
            + ", not used in its first " + EventTime.human(learningPeriod),
        List.of(sighting.ref()), details);
  }

  @Override
  public Optional<Instant> nextTimer(DependencyState state) {
    return state.pending().isEmpty()
        ? Optional.empty()
        : Optional.of(EventTime.instant(state.pending().get(0).ref().timeNanos() + 1));
  }

  @Override
  public boolean isEmpty(DependencyState state) {
    return state.equals(DependencyState.initial());
  }
}
