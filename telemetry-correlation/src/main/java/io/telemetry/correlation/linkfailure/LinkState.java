package io.telemetry.correlation.linkfailure;

import io.telemetry.correlation.rules.RecordRef;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What link-failure keeps per device. It reads two topics, whose records interleave differently
 * from run to run, so it decides on settled records only (behind the watermark), in event-time
 * order; records at or after the watermark wait in {@code pending}.
 *
 * @param series  per interface ({@code interface <name>}) and BGP peer ({@code peer <address>}):
 *                the last settled status and the record that last changed it
 * @param downs   settled down transitions not older than {@code within} behind the watermark
 * @param pairs   the raised events: (interface, peer) pairs not yet recovered
 * @param pending unsettled status records, in event-time order
 */
public record LinkState(Map<String, Status> series, List<Down> downs, List<Pair> pairs, List<Observation> pending) {

  public LinkState {
    series = Collections.unmodifiableMap(new TreeMap<>(series)); // sorted: stable changelog bytes
    downs = List.copyOf(downs);
    pairs = List.copyOf(pairs);
    pending = List.copyOf(pending);
  }

  static LinkState initial() {
    return new LinkState(new TreeMap<>(Map.of()), List.of(), List.of(), List.of());
  }

  /** 1 up/established, 0 down; {@code changed} is the record of the last transition, null before one. */
  public record Status(int status, RecordRef changed) {}

  /** One status record of an interface or a peer. */
  public record Observation(String series, int status, RecordRef ref) {}

  /** A 1 -> 0 transition; {@code pairedWith} lists the series it already formed a pair with. */
  public record Down(String series, RecordRef ref, List<String> pairedWith) {

    public Down {
      pairedWith = List.copyOf(pairedWith);
    }
  }

  /** A raised link failure. */
  public record Pair(String iface, String peer, long openedNanos) {}
}
