package io.telemetry.collect.junos;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.netconf.NetconfClient;
import io.telemetry.sample.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the requests of one poll on the collector's NETCONF session and keeps each outcome.
 *
 * <p>A request that fails while the session stays usable (an rpc-error, a reply that cannot be
 * read) costs only its own samples: it is recorded and the poll goes on with the next request.
 * A failure that breaks the session (timeout, channel lost) ends the poll at once, since every
 * later request would fail the same way. Not thread-safe; one instance per poll.
 */
final class PollRequests {

  /** The collector's own health per request, delivered with the poll's samples. */
  static final String FAMILY = "collector_request";

  /** Turns a reply into a value; throws when the reply is not the document the request returns. */
  @FunctionalInterface
  interface ReplyReader<T> {
    T read(Instant replyTime, String replyXml) throws JunosParseException;
  }

  /** How one request went. {@code failure} names the device and the request. */
  record Outcome(String request, Instant time, double seconds, Optional<CollectException> failure) {
    boolean ok() {
      return failure.isEmpty();
    }
  }

  private final String device;
  private final NetconfClient client;
  private final Duration timeout;
  private final Clock clock;
  private final List<Outcome> outcomes = new ArrayList<>();

  PollRequests(String device, NetconfClient client, Duration timeout, Clock clock) {
    this.device = device;
    this.client = client;
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * Sends one request and reads its reply.
   *
   * @param request      the request as errors and status samples name it, e.g.
   *                     {@code get-bgp-summary-information instance=master}
   * @return the value read, or empty when the request failed without breaking the session
   * @throws CollectException when the session broke (passed on unchanged)
   */
  <T> Optional<T> run(String request, String operationXml, ReplyReader<T> reader) throws CollectException {
    long start = System.nanoTime();
    String reply;
    try {
      reply = client.rpc(operationXml, timeout);
    } catch (CollectException e) {
      if (e.sessionBroken()) {
        throw e;
      }
      record(request, start, new CollectException(device, e.kind(), request + ": " + withoutDevice(e), false, e));
      return Optional.empty();
    }
    Instant time = clock.instant();
    double seconds = (System.nanoTime() - start) / 1e9;
    try {
      T value = reader.read(time, reply);
      outcomes.add(new Outcome(request, time, seconds, Optional.empty()));
      return Optional.of(value);
    } catch (JunosParseException e) {
      // The transport framed the reply correctly, so the session itself is still usable.
      outcomes.add(new Outcome(request, time, seconds, Optional.of(new CollectException(device,
          CollectException.Kind.MALFORMED_REPLY, "malformed reply to " + request + ": " + e.getMessage(), false, e))));
      return Optional.empty();
    }
  }

  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  List<Outcome> failures() {
    return outcomes.stream().filter(o -> !o.ok()).toList();
  }

  /**
   * Throws when requests were made and none succeeded: then the poll produced nothing and the
   * device actor should count (and show) the error. The first failure is the cause; the message
   * lists the others.
   */
  void requireAnySuccess() throws CollectException {
    if (outcomes.isEmpty() || outcomes.stream().anyMatch(Outcome::ok)) {
      return;
    }
    CollectException first = outcomes.get(0).failure().orElseThrow();
    String others = outcomes.stream().skip(1).map(Outcome::request).collect(Collectors.joining(", "));
    throw new CollectException(device, first.kind(), withoutDevice(first)
        + (others.isEmpty() ? "" : " (every other request of the poll failed too: " + others + ")"), false, first);
  }

  /**
   * One {@code collector_request} sample per request: {@code ok} (1/0), {@code duration_seconds}
   * and the counter {@code failures} (failures of that request since the collector was created).
   */
  List<Sample> statusSamples(Map<String, Long> failuresSoFar) {
    List<Sample> samples = new ArrayList<>(outcomes.size());
    for (Outcome outcome : outcomes) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("collector", JunosNetconfCollectorFactory.TYPE);
      tags.put("request", outcome.request());
      Map<String, Double> gauges = new LinkedHashMap<>();
      gauges.put("ok", outcome.ok() ? 1.0 : 0.0);
      gauges.put("duration_seconds", outcome.seconds());
      Map<String, Long> counters = Map.of("failures", failuresSoFar.getOrDefault(outcome.request(), 0L));
      samples.add(new Sample(device, FAMILY, outcome.time(), tags, counters, gauges, Map.of(), 64, ""));
    }
    return samples;
  }

  private void record(String request, long startNanos, CollectException failure) {
    outcomes.add(new Outcome(request, clock.instant(), (System.nanoTime() - startNanos) / 1e9, Optional.of(failure)));
  }

  /** A transport message without its "device X: " prefix, so that wrapping does not repeat it. */
  private String withoutDevice(CollectException e) {
    String message = String.valueOf(e.getMessage());
    String prefix = "device " + device + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
