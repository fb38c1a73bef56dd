package io.telemetry.correlation.linkfailure;

import io.telemetry.correlation.linkfailure.LinkState.Down;
import io.telemetry.correlation.linkfailure.LinkState.Observation;
import io.telemetry.correlation.linkfailure.LinkState.Pair;
import io.telemetry.correlation.linkfailure.LinkState.Status;
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
 * link-failure for one device: an interface down transition and a BGP session down transition at
 * most {@code within} apart raise one event per (interface, peer) pair, citing both records; it
 * clears when the interface is up and the session established again.
 */
final class LinkCorrelation implements KeyCorrelation<LinkState> {

  static final String IFACE = "interface ";
  static final String PEER = "peer ";
  private static final Comparator<Observation> BY_TIME = Comparator.comparing(Observation::ref, RecordRef.ORDER);

  private final Duration within;
  private final long withinNanos;
  private final EventFactory events;

  LinkCorrelation(Duration within, EventFactory events) {
    this.within = within;
    this.withinNanos = EventTime.nanos(within);
    this.events = events;
  }

  @Override
  public Class<LinkState> stateType() {
    return LinkState.class;
  }

  @Override
  public LinkState initialState(String key) {
    return LinkState.initial();
  }

  @Override
  public Step<LinkState> onRecord(String key, LinkState state, MetricRecord record) {
    Optional<Observation> observation = LinkFailureRuleType.series(record.sample())
        .map(s -> new Observation(s.name(), s.status(), RecordRef.of(record.evidence())));
    if (observation.isEmpty()) {
      return Step.quiet(state);
    }
    List<Observation> pending = new ArrayList<>(state.pending());
    pending.add(observation.get());
    pending.sort(BY_TIME);
    return Step.quiet(new LinkState(state.series(), state.downs(), state.pairs(), pending));
  }

  @Override
  public Step<LinkState> onWatermark(String key, LinkState state, Instant watermark) {
    long w = EventTime.nanos(watermark);
    Map<String, Status> series = new TreeMap<>(state.series());
    List<Down> downs = new ArrayList<>(state.downs());
    List<Pair> pairs = new ArrayList<>(state.pairs());
    List<Observation> pending = new ArrayList<>();
    List<CorrelatedEvent> out = new ArrayList<>();
    for (Observation observation : state.pending()) {
      if (observation.ref().timeNanos() >= w) {
        pending.add(observation);
        continue;
      }
      Status before = series.get(observation.series());
      boolean changed = before != null && before.status() != observation.status();
      series.put(observation.series(),
          new Status(observation.status(), changed ? observation.ref() : before == null ? null : before.changed()));
      if (changed && observation.status() == 0 && before.status() == 1) {
        wentDown(key, observation, downs, pairs, out);
      } else if (changed && observation.status() == 1) {
        cameUp(key, observation, series, pairs, out);
      }
    }
    long keepFrom = w - withinNanos;
    downs.removeIf(d -> d.ref().timeNanos() < keepFrom);
    return new Step<>(new LinkState(series, downs, pairs, pending), out);
  }

  private void wentDown(String key, Observation observation, List<Down> downs, List<Pair> pairs,
      List<CorrelatedEvent> out) {
    long time = observation.ref().timeNanos();
    downs.removeIf(d -> d.ref().timeNanos() < time - withinNanos);
    boolean iface = observation.series().startsWith(IFACE);
    Down current = new Down(observation.series(), observation.ref(), List.of());
    for (int i = 0; i < downs.size(); i++) {
      Down other = downs.get(i);
      if (other.series().startsWith(IFACE) == iface || other.pairedWith().contains(current.series())) {
        continue;
      }
      Pair pair = iface
          ? new Pair(current.series(), other.series(), other.ref().timeNanos())
          : new Pair(other.series(), current.series(), other.ref().timeNanos());
      if (pairs.stream().anyMatch(p -> p.iface().equals(pair.iface()) && p.peer().equals(pair.peer()))) {
        continue;
      }
      pairs.add(pair);
      downs.set(i, paired(other, current.series()));
      current = paired(current, other.series());
      out.add(events.raised(eventKey(key, pair), key, subject(pair), pair.openedNanos(),
          key + ": " + name(pair.iface()) + " went down and BGP session " + name(pair.peer())
              + " went down within " + EventTime.human(within),
          List.of(current.ref(), other.ref()), details(pair)));
    }
    downs.add(current);
  }

  private void cameUp(String key, Observation observation, Map<String, Status> series, List<Pair> pairs,
      List<CorrelatedEvent> out) {
    for (Pair pair : List.copyOf(pairs)) {
      if (!pair.iface().equals(observation.series()) && !pair.peer().equals(observation.series())) {
        continue;
      }
      Status iface = series.get(pair.iface());
      Status peer = series.get(pair.peer());
      if (iface.status() == 1 && peer.status() == 1) {
        pairs.remove(pair);
        out.add(events.cleared(eventKey(key, pair), key, subject(pair), pair.openedNanos(),
            observation.ref().timeNanos(),
            key + ": " + name(pair.iface()) + " is up and BGP session " + name(pair.peer()) + " established again",
            List.of(iface.changed(), peer.changed()), details(pair)));
      }
    }
  }

  @Override
  public Optional<Instant> nextTimer(LinkState state) {
    return state.pending().isEmpty()
        ? Optional.empty()
        : Optional.of(EventTime.instant(state.pending().get(0).ref().timeNanos() + 1));
  }

  @Override
  public boolean isEmpty(LinkState state) {
    return state.equals(LinkState.initial());
  }

  private static Down paired(Down down, String with) {
    List<String> pairedWith = new ArrayList<>(down.pairedWith());
    pairedWith.add(with);
    return new Down(down.series(), down.ref(), pairedWith);
  }

  private Map<String, String> details(Pair pair) {
    return Map.of("interface", name(pair.iface()), "peer", name(pair.peer()), "within", within.toString());
  }

  private static String eventKey(String device, Pair pair) {
    return device + "|" + name(pair.iface()) + "|" + name(pair.peer());
  }

  private static String subject(Pair pair) {
    return name(pair.iface()) + " / " + name(pair.peer());
  }

  /** The series without its kind prefix. */
  static String name(String series) {
    return series.substring(series.indexOf(' ') + 1);
  }
}
