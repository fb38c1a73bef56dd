package io.telemetry.host.bench.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the records of a run into {@link MoveFigures}. Records are grouped into polls: records of
 * one device by one node within a quarter interval of each other are one poll (one reply stamps
 * its samples within milliseconds). A gap of {@code g} between two polls missed
 * {@code round(g / interval) - 1} polls.
 */
public final class MoveFigureMath {

  /** One poll of one device by one node. */
  record Poll(String node, Instant time) {}

  private MoveFigureMath() {}

  /**
   * @param all      every record so far
   * @param event    {@code kill} or {@code leave}
   * @param node     the node that went away
   * @param at       when it was killed or told to stop
   * @param until    end of the observation (polls after it are not looked at)
   * @param interval the devices' poll interval
   * @param devices  every device id of the run
   */
  public static MoveFigures measure(List<Delivery> all, String event, String node, Instant at, Instant until,
      Duration interval, List<String> devices) {
    Map<String, List<Poll>> polls = polls(all, interval);
    Instant from = at.minus(interval.multipliedBy(2));
    Map<String, String> owners = owners(polls, from, at);
    Map<String, Integer> ownersBefore = new TreeMap<>();
    owners.values().forEach(n -> ownersBefore.merge(n, 1, Integer::sum));

    Map<String, Integer> missedMoved = histogram();
    Map<String, Integer> missedOthers = histogram();
    List<Long> resumes = new ArrayList<>();
    List<String> unpolled = new ArrayList<>();
    int moved = 0;
    long longestGap = 0;
    boolean everyMovedResumed = true;
    for (String device : devices) {
      List<Poll> around = polls.getOrDefault(device, List.of()).stream()
          .filter(p -> !p.time().isBefore(from) && !p.time().isAfter(until)).toList();
      if (around.stream().noneMatch(p -> p.time().isAfter(at))) {
        unpolled.add(device);
      }
      boolean wasOnNode = node.equals(owners.get(device));
      int missed = missed(around, interval);
      (wasOnNode ? missedMoved : missedOthers).merge(bucket(missed), 1, Integer::sum);
      if (!wasOnNode) {
        continue;
      }
      moved++;
      longestGap = Math.max(longestGap, longestGap(around));
      Instant resumed = around.stream().filter(p -> p.time().isAfter(at) && !p.node().equals(node))
          .map(Poll::time).findFirst().orElse(null);
      if (resumed == null) {
        everyMovedResumed = false;
      } else {
        resumes.add(Duration.between(at, resumed).toMillis());
      }
    }
    resumes.sort(Comparator.naturalOrder());
    Long failover = everyMovedResumed && !resumes.isEmpty() ? resumes.get(resumes.size() - 1) : null;
    Long p50 = resumes.isEmpty() ? null : resumes.get((resumes.size() - 1) / 2);
    return new MoveFigures(event, node, at.toEpochMilli(), ownersBefore, moved, resumes.size(), failover, p50,
        missedMoved, missedOthers, longestGap, unpolled);
  }

  /** The node of each device's latest poll in [from, at]. */
  static Map<String, String> owners(Map<String, List<Poll>> polls, Instant from, Instant at) {
    Map<String, String> owners = new TreeMap<>();
    polls.forEach((device, list) -> list.stream()
        .filter(p -> !p.time().isBefore(from) && !p.time().isAfter(at))
        .reduce((a, b) -> b)
        .ifPresent(p -> owners.put(device, p.node())));
    return owners;
  }

  /** Polls per device in time order. */
  static Map<String, List<Poll>> polls(List<Delivery> records, Duration interval) {
    Map<String, List<Delivery>> byDevice = new TreeMap<>();
    records.forEach(r -> byDevice.computeIfAbsent(r.device(), d -> new ArrayList<>()).add(r));
    Duration sameness = interval.dividedBy(4);
    Map<String, List<Poll>> polls = new TreeMap<>();
    byDevice.forEach((device, list) -> {
      list.sort(Comparator.comparing(Delivery::time).thenComparingLong(Delivery::offset));
      List<Poll> out = new ArrayList<>();
      Poll current = null;
      for (Delivery r : list) {
        boolean samePoll = current != null && current.node().equals(r.node())
            && Duration.between(current.time(), r.time()).compareTo(sameness) < 0;
        if (!samePoll) {
          current = new Poll(r.node(), r.time());
          out.add(current);
        }
      }
      polls.put(device, out);
    });
    return polls;
  }

  /** Polls missed between consecutive polls: a gap of about k intervals missed k - 1. */
  static int missed(List<Poll> polls, Duration interval) {
    int missed = 0;
    for (int i = 1; i < polls.size(); i++) {
      double gaps = (double) Duration.between(polls.get(i - 1).time(), polls.get(i).time()).toMillis()
          / interval.toMillis();
      missed += (int) Math.max(0, Math.round(gaps) - 1);
    }
    return missed;
  }

  private static long longestGap(List<Poll> polls) {
    long longest = 0;
    for (int i = 1; i < polls.size(); i++) {
      longest = Math.max(longest, Duration.between(polls.get(i - 1).time(), polls.get(i).time()).toMillis());
    }
    return longest;
  }

  static String bucket(int missed) {
    return missed <= 2 ? Integer.toString(missed) : "more";
  }

  private static Map<String, Integer> histogram() {
    Map<String, Integer> h = new LinkedHashMap<>();
    for (String b : List.of("0", "1", "2", "more")) {
      h.put(b, 0);
    }
    return h;
  }
}
