package io.telemetry.it.cluster;

import io.telemetry.it.cluster.ClusterRecords.Polled;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Records grouped into polls per device, and who polled what when. */
final class DeviceTimelines {

  /** One poll of one device by one node: its records' earliest time and lowest offset. */
  record Poll(String node, Instant time, long firstOffset, long lastOffset) {}

  /** A run of consecutive polls (in write order) of one device by one node. */
  record Span(String node, Instant first, Instant last, long firstOffset, long lastOffset, int polls) {}

  private DeviceTimelines() {}

  /**
   * Polls per device, in time order. Records of the same node within a quarter interval of a poll's
   * first record belong to that poll (one reply stamps its samples within milliseconds).
   */
  static Map<String, List<Poll>> polls(List<Polled> records, Duration interval) {
    Map<String, List<Polled>> byDevice = new TreeMap<>();
    records.forEach(r -> byDevice.computeIfAbsent(r.device(), d -> new ArrayList<>()).add(r));
    Map<String, List<Poll>> polls = new TreeMap<>();
    Duration sameness = interval.dividedBy(4);
    byDevice.forEach((device, list) -> {
      list.sort(Comparator.comparing(Polled::time).thenComparingLong(Polled::offset));
      List<Poll> out = new ArrayList<>();
      Poll current = null;
      for (Polled r : list) {
        if (current != null && current.node().equals(r.node())
            && Duration.between(current.time(), r.time()).compareTo(sameness) < 0) {
          current = new Poll(current.node(), current.time(), Math.min(current.firstOffset(), r.offset()),
              Math.max(current.lastOffset(), r.offset()));
          out.set(out.size() - 1, current);
        } else {
          current = new Poll(r.node(), r.time(), r.offset(), r.offset());
          out.add(current);
        }
      }
      polls.put(device, out);
    });
    return polls;
  }

  /** Runs of one node's polls, in Kafka write order (one device's records share one partition). */
  static List<Span> spans(List<Poll> polls) {
    List<Poll> written = new ArrayList<>(polls);
    written.sort(Comparator.comparingLong(Poll::firstOffset));
    List<Span> spans = new ArrayList<>();
    for (Poll p : written) {
      Span last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
      if (last != null && last.node().equals(p.node())) {
        spans.set(spans.size() - 1, new Span(last.node(), min(last.first(), p.time()), max(last.last(), p.time()),
            last.firstOffset(), p.lastOffset(), last.polls() + 1));
      } else {
        spans.add(new Span(p.node(), p.time(), p.time(), p.firstOffset(), p.lastOffset(), 1));
      }
    }
    return spans;
  }

  /** The node of each device's latest record at or after {@code since}. */
  static Map<String, String> owners(List<Polled> records, Instant since) {
    Map<String, Polled> latest = new HashMap<>();
    for (Polled r : records) {
      if (!r.time().isBefore(since)) {
        latest.merge(r.device(), r, (a, b) -> b.time().isAfter(a.time()) ? b : a);
      }
    }
    Map<String, String> owners = new TreeMap<>();
    latest.forEach((device, r) -> owners.put(device, r.node()));
    return owners;
  }

  /** How many devices each node owns. */
  static Map<String, Integer> perNode(Map<String, String> owners) {
    Map<String, Integer> counts = new TreeMap<>();
    owners.values().forEach(node -> counts.merge(node, 1, Integer::sum));
    return counts;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
