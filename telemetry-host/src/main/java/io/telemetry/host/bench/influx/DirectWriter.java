package io.telemetry.host.bench.influx;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts pre-built bodies straight to an InfluxDB 1.x {@code /write} with the JDK's HTTP client
 * (HTTP/1.1, the headers the sink sends), {@code parallelism} requests in flight: each of that many
 * threads sends the next body and waits for its answer. Nothing is encoded while it runs, so what
 * it reaches is what the server takes from this client: the ceiling the sink is compared with.
 */
final class DirectWriter {

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final URI base;

  DirectWriter(URI base) {
    this.base = base;
  }

  /**
   * Writes every body; returns when all were answered.
   *
   * @throws IllegalStateException naming the database and the answer when a write is not 2xx
   */
  void write(String database, List<byte[]> bodies, int parallelism) throws InterruptedException {
    URI uri = URI.create(base + "/write?db=" + URLEncoder.encode(database, StandardCharsets.UTF_8) + "&precision=ns");
    AtomicInteger next = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "influx-ceiling-writer");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int i = 0; i < parallelism; i++) {
        writers.add(threads.submit(() -> {
          for (int b = next.getAndIncrement(); b < bodies.size(); b = next.getAndIncrement()) {
            post(uri, bodies.get(b), database);
          }
          return null;
        }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException("influx ceiling: a write to database " + database + " failed", e.getCause());
    } finally {
      threads.shutdownNow();
    }
  }

  private void post(URI uri, byte[] body, String database) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "text/plain; charset=utf-8")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("influx ceiling: InfluxDB (" + uri + ") answered a write of " + body.length
          + " bytes to database " + database + " with HTTP " + response.statusCode() + ": " + response.body());
    }
  }
}
