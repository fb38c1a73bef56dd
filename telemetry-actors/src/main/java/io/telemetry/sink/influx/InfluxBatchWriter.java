package io.telemetry.sink.influx;

import io.telemetry.logging.DeviceMdc;
import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.SinkCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one group of encoded poll batches to InfluxDB and reports one {@link BatchDelivery} per
 * poll batch, in group order. The group's lines go out in requests of at most
 * {@code batch-points} lines, one request at a time, so the sink's {@code parallelism} bounds the
 * requests in flight. Never fails:
 * <ul>
 *   <li>transient trouble (5xx, 408, 429, connection errors, timeouts): the same request is retried
 *       with exponential backoff (a {@code Retry-After} is honoured between the backoff bounds) until
 *       it succeeds or the stream stops; the group stays in flight meanwhile, so the sink's buffer
 *       fills and its overflow policy applies;</li>
 *   <li>bad data (400, 413, 422): the request is halved until the refused lines stand alone; the good
 *       lines are written, each refused line is counted ({@link SinkCounters#rejected}) and logged
 *       with its device, series and the server's words. Its poll batch still counts as delivered;</li>
 *   <li>any other 4xx (401, 403, 404, ...): a configuration problem, not retried; the poll batches of
 *       the request are reported failed, naming the settings to check.</li>
 * </ul>
 */
final class InfluxBatchWriter {

  private static final Logger log = LoggerFactory.getLogger(InfluxBatchWriter.class);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final InfluxSinkSettings settings;
  private final InfluxHttp http;
  private final SinkCounters counters;
  private final String sinkName;
  private final AtomicBoolean failing = new AtomicBoolean(false);
  private volatile boolean closed;

  InfluxBatchWriter(InfluxSinkSettings settings, InfluxHttp http, SinkCounters counters, String sinkName) {
    this.settings = settings;
    this.http = http;
    this.counters = counters;
    this.sinkName = sinkName;
  }

  CompletionStage<List<BatchDelivery>> write(List<EncodedBatch> group) {
    Job job = new Job(group);
    CompletableFuture<Void> done = DONE;
    List<Line> lines = job.lines();
    for (int from = 0; from < lines.size(); from += settings.batchPoints()) {
      List<Line> request = lines.subList(from, Math.min(lines.size(), from + settings.batchPoints()));
      done = done.thenCompose(ignored -> attempt(job, request, 0));
    }
    return done.handle((ignored, error) -> {
      if (error != null) {
        log.error("{}: unexpected error while writing to InfluxDB", sinkName, error);
        job.failRemaining("unexpected error while writing to InfluxDB: " + error);
      }
      return job.deliveries();
    });
  }

  /** Stops retrying: writes waiting for a retry end as failed deliveries. */
  void close() {
    closed = true;
  }

  private CompletableFuture<Void> attempt(Job job, List<Line> lines, int retry) {
    if (closed) {
      job.fail(lines, "the sink stopped before InfluxDB (" + http.writeUri() + ") took the write");
      return DONE;
    }
    return http.post(body(lines)).thenCompose(result -> {
      if (result instanceof WriteResult.Transient trouble) {
        return retry(job, lines, retry, trouble);
      }
      answered();
      if (result instanceof WriteResult.BadData bad) {
        return lines.size() == 1 ? reject(lines.get(0), bad) : split(job, lines, bad);
      }
      if (result instanceof WriteResult.Refused refused) {
        job.fail(lines, "InfluxDB (" + http.writeUri() + ") refused the write of " + lines.size()
            + " point(s) with HTTP " + refused.status() + " (" + refused.serverText() + "): check "
            + settings.dialect().settingsToCheck(refused.status()));
      }
      return DONE;
    });
  }

  private CompletableFuture<Void> retry(Job job, List<Line> lines, int retry, WriteResult.Transient trouble) {
    counters.retried();
    Duration delay = delay(retry, trouble);
    if (failing.compareAndSet(false, true)) {
      log.warn("{}: writes to InfluxDB ({}) fail: {}; retrying with backoff while the writes stay in flight"
          + " (no more of this until one succeeds)", sinkName, http.writeUri(), trouble.reason());
    } else {
      log.debug("{}: retry {} of a write of {} point(s) in {}: {}", sinkName, retry + 1, lines.size(), delay,
          trouble.reason());
    }
    return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS))
        .thenCompose(ignored -> attempt(job, lines, retry + 1));
  }

  private CompletableFuture<Void> split(Job job, List<Line> lines, WriteResult.BadData bad) {
    log.debug("{}: InfluxDB refused a write of {} point(s) (HTTP {}: {}); halving it to find the bad ones",
        sinkName, lines.size(), bad.status(), bad.serverText());
    int half = lines.size() / 2;
    List<Line> first = lines.subList(0, half);
    List<Line> second = lines.subList(half, lines.size());
    return attempt(job, first, 0).thenCompose(ignored -> attempt(job, second, 0));
  }

  private CompletableFuture<Void> reject(Line line, WriteResult.BadData bad) {
    EncodedSample point = line.point();
    counters.rejected(point.fields());
    DeviceMdc.log(point.sample().device(), () -> log.warn("{}: device {}: InfluxDB refused the point of series {} at {}"
            + " ({} value(s) not written; the rest of the poll is written): HTTP {}: {}",
        sinkName, point.sample().device(), point.series(), point.sample().time(), point.fields(), bad.status(),
        bad.serverText()));
    log.debug("{}: the refused line: {}", sinkName, point.line());
    return DONE;
  }

  private void answered() {
    if (failing.compareAndSet(true, false)) {
      log.info("{}: InfluxDB ({}) answers again", sinkName, http.writeUri());
    }
  }

  // Exponential from retry-backoff-min to retry-backoff-max with up to 20% jitter; Retry-After wins,
  // kept between the same bounds (an hour-long Retry-After from a proxy must not park the sink).
  private Duration delay(int retry, WriteResult.Transient trouble) {
    long min = settings.retryBackoffMin().toNanos();
    long max = settings.retryBackoffMax().toNanos();
    if (trouble.retryAfter().isPresent()) {
      return Duration.ofNanos(Math.max(min, Math.min(max, trouble.retryAfter().get().toNanos())));
    }
    long exponential = min << Math.min(retry, 30);
    if (exponential <= 0 || exponential > max) {
      exponential = max;
    }
    long jittered = (long) (exponential * (1 + 0.2 * ThreadLocalRandom.current().nextDouble()));
    return Duration.ofNanos(Math.min(max, jittered));
  }

  private static String body(List<Line> lines) {
    int length = 0;
    for (Line line : lines) {
      length += line.point().line().length() + 1;
    }
    StringBuilder body = new StringBuilder(length);
    for (Line line : lines) {
      body.append(line.point().line()).append('\n');
    }
    return body.toString();
  }

  /** One line with the position of its poll batch in the group. */
  private record Line(EncodedSample point, int owner) {}

  /** One group's progress: which poll batches failed. Touched by one callback at a time. */
  private final class Job {
    private final List<EncodedBatch> group;
    private final String[] failures;

    Job(List<EncodedBatch> group) {
      this.group = group;
      this.failures = new String[group.size()];
    }

    List<Line> lines() {
      List<Line> lines = new ArrayList<>();
      for (int owner = 0; owner < group.size(); owner++) {
        for (EncodedSample point : group.get(owner).lines()) {
          lines.add(new Line(point, owner));
        }
      }
      return lines;
    }

    void fail(List<Line> lines, String why) {
      for (Line line : lines) {
        if (failures[line.owner()] == null) {
          failures[line.owner()] = why;
        }
      }
    }

    void failRemaining(String why) {
      for (int i = 0; i < failures.length; i++) {
        if (failures[i] == null) {
          failures[i] = why;
        }
      }
    }

    List<BatchDelivery> deliveries() {
      List<BatchDelivery> deliveries = new ArrayList<>(group.size());
      for (int i = 0; i < group.size(); i++) {
        EncodedBatch batch = group.get(i);
        deliveries.add(failures[i] == null
            ? BatchDelivery.delivered(sinkName, batch.batch())
            : BatchDelivery.failed(sinkName, batch.batch(),
                new InfluxWriteException("device " + batch.batch().device() + ": " + failures[i])));
      }
      return deliveries;
    }
  }
}
