package io.telemetry.host.status;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The latest correlated events, at most {@code capacity}: the oldest goes when a new one comes. Not thread-safe. */
final class EventRing {

  private final int capacity;
  private final Deque<LocalStatus.Event> events = new ArrayDeque<>();

  EventRing(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("telemetry.status.events-kept must be >= 0, was " + capacity);
    }
    this.capacity = capacity;
  }

  void add(LocalStatus.Event event) {
    if (capacity == 0) {
      return;
    }
    if (events.size() == capacity) {
      events.removeFirst();
    }
    events.addLast(event);
  }

  /** Newest first. */
  List<LocalStatus.Event> newestFirst() {
    List<LocalStatus.Event> out = new ArrayList<>(events);
    java.util.Collections.reverse(out);
    return out;
  }
}
