package io.telemetry.correlation.interfaceflap;

import io.telemetry.correlation.interfaceflap.FlapState.Change;
import io.telemetry.correlation.interfaceflap.FlapState.Episode;
import io.telemetry.correlation.interfaceflap.FlapState.Observation;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.MetricRecord;
import io.telemetry.correlation.rule.Step;
import io.telemetry.correlation.rules.EventFactory;
import io.telemetry.correlation.rules.EventTime;
import io.telemetry.correlation.rules.RecordRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * interface-flap for one interface (key {@code device|interface}). Raises as soon as the records
 * seen hold {@code changes} oper-status changes less than {@code window} apart (records of one
 * input partition replay in the same order, so this is deterministic); clears from the watermark
 * once no change can arrive within {@code quiet} of the last one.
 */
final class FlapCorrelation implements KeyCorrelation<FlapState> {

  static final String GAUGE = "oper_status";
  private static final Comparator<Observation> BY_TIME =
      Comparator.comparing(Observation::ref, RecordRef.ORDER);

  private final FlapSettings settings;
  private final EventFactory events;
  private final long windowNanos;
  private final long quietNanos;

  FlapCorrelation(FlapSettings settings, EventFactory events) {
    this.settings = settings;
    this.events = events;
    this.windowNanos = EventTime.nanos(settings.window());
    this.quietNanos = EventTime.nanos(settings.quiet());
  }

  @Override
  public Class<FlapState> stateType() {
    return FlapState.class;
  }

  @Override
  public FlapState initialState(String key) {
    return FlapState.initial();
  }

  @Override
  public Step<FlapState> onRecord(String key, FlapState state, MetricRecord record) {
    Double gauge = record.sample().gauges().get(GAUGE);
    if (gauge == null) {
      return Step.quiet(state);
    }
    List<Observation> pending = new ArrayList<>(state.pending());
    pending.add(new Observation(EventTime.nanos(record.time()), (int) Math.round(gauge), RecordRef.of(record.evidence())));
    pending.sort(BY_TIME);
    List<Change> all = Stream.concat(state.changes().stream(), derive(state.settledStatus(), pending).stream()).toList();
    FlapState next = new FlapState(state.settledStatus(), state.changes(), pending, state.episode(), state.floorNanos());
    if (state.episode() != null) {
      Change last = latest(all, state.episode().lastChange());
      return Step.quiet(withEpisode(next, new Episode(state.episode().openedNanos(), last)));
    }
    return raiseIfFlapping(key, next, all);
  }

  private Step<FlapState> raiseIfFlapping(String key, FlapState state, List<Change> all) {
    List<Change> candidates = all.stream().filter(c -> c.timeNanos() > state.floorNanos()).toList();
    for (int first = 0; first + settings.changes() - 1 < candidates.size(); first++) {
      long start = candidates.get(first).timeNanos();
      if (candidates.get(first + settings.changes() - 1).timeNanos() - start < windowNanos) {
        List<Change> members = candidates.subList(first, candidates.size()).stream()
            .filter(c -> c.timeNanos() - start < windowNanos).toList();
        Change last = latest(all, members.get(members.size() - 1));
        CorrelatedEvent raised = events.raised(key, device(key), subject(key), start,
            device(key) + " " + subject(key) + " is flapping: " + members.size() + " oper-status changes within "
                + EventTime.human(settings.window()) + ", now " + statusText(last.to()),
            members.stream().map(Change::ref).toList(),
            Map.of("changes", Integer.toString(members.size()),
                "changes_threshold", Integer.toString(settings.changes()),
                "window", settings.window().toString(),
                "oper_status", statusText(last.to())));
        return new Step<>(withEpisode(state, new Episode(start, last)), List.of(raised));
      }
    }
    return Step.quiet(state);
  }

  @Override
  public Step<FlapState> onWatermark(String key, FlapState state, Instant watermark) {
    long w = EventTime.nanos(watermark);
    Integer status = state.settledStatus();
    List<Change> changes = new ArrayList<>(state.changes());
    List<Observation> pending = new ArrayList<>();
    for (Observation observation : state.pending()) {
      if (observation.timeNanos() >= w) {
        pending.add(observation);
        continue;
      }
      if (status != null && status != observation.status()) {
        changes.add(new Change(observation.timeNanos(), status, observation.status(), observation.ref()));
      }
      status = observation.status();
    }
    long floor = state.floorNanos();
    List<CorrelatedEvent> out = new ArrayList<>();
    Episode episode = state.episode();
    if (episode != null && w >= episode.lastChange().timeNanos() + quietNanos) {
      Change last = episode.lastChange();
      floor = last.timeNanos() + quietNanos;
      out.add(events.cleared(key, device(key), subject(key), episode.openedNanos(), floor,
          device(key) + " " + subject(key) + " stopped flapping: no oper-status change for "
              + EventTime.human(settings.quiet()) + ", " + statusText(last.to()) + " since " + EventTime.instant(last.timeNanos()),
          List.of(last.ref()),
          Map.of("quiet", settings.quiet().toString(), "oper_status", statusText(last.to()),
              "last_change", EventTime.instant(last.timeNanos()).toString())));
      episode = null;
    }
    long keepFrom = w - windowNanos;
    long floorNow = floor;
    changes.removeIf(c -> c.timeNanos() < keepFrom || c.timeNanos() <= floorNow);
    return new Step<>(new FlapState(status, changes, pending, episode, floor), out);
  }

  @Override
  public Optional<Instant> nextTimer(FlapState state) {
    long next = Long.MAX_VALUE;
    if (!state.pending().isEmpty()) {
      next = state.pending().get(0).timeNanos() + 1; // settles once the watermark is past it
    }
    if (!state.changes().isEmpty()) {
      next = Math.min(next, state.changes().get(0).timeNanos() + windowNanos + 1); // leaves the window
    }
    if (state.episode() != null) {
      next = Math.min(next, state.episode().lastChange().timeNanos() + quietNanos);
    }
    return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(EventTime.instant(next));
  }

  @Override
  public boolean isEmpty(FlapState state) {
    return state.equals(FlapState.initial());
  }

  /** The changes among {@code pending} (sorted), starting from the settled status. */
  private static List<Change> derive(Integer settledStatus, List<Observation> pending) {
    List<Change> changes = new ArrayList<>();
    Integer previous = settledStatus;
    for (Observation observation : pending) {
      if (previous != null && previous != observation.status()) {
        changes.add(new Change(observation.timeNanos(), previous, observation.status(), observation.ref()));
      }
      previous = observation.status();
    }
    return changes;
  }

  private static Change latest(List<Change> all, Change known) {
    Change latest = known;
    for (Change change : all) {
      if (RecordRef.ORDER.compare(change.ref(), latest.ref()) > 0) {
        latest = change;
      }
    }
    return latest;
  }

  private static FlapState withEpisode(FlapState state, Episode episode) {
    return new FlapState(state.settledStatus(), state.changes(), state.pending(), episode, state.floorNanos());
  }

  static String statusText(int status) {
    return status == 1 ? "up" : status == 0 ? "down" : "status " + status;
  }

  static String device(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  static String subject(String key) {
    return key.substring(key.indexOf('|') + 1);
  }
}
