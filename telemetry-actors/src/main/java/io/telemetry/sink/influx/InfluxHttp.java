package io.telemetry.sink.influx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPOutputStream;

/**
 * Posts one body of line protocol to the configured write endpoint with the JDK's asynchronous
 * HTTP client and sorts the answer into a {@link WriteResult}. Never completes exceptionally.
 */
final class InfluxHttp {

  private final HttpClient client;
  private final URI writeUri;
  private final Optional<String> authorization;
  private final InfluxSinkSettings settings;
  private final Clock clock;

  InfluxHttp(InfluxSinkSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.writeUri = settings.writeUri();
    this.authorization = settings.dialect().authorization(settings);
    // HTTP/1.1: InfluxDB 1.x/2.x do not speak cleartext HTTP/2, and an upgrade attempt buys nothing.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.requestTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  URI writeUri() {
    return writeUri;
  }

  CompletableFuture<WriteResult> post(String lines) {
    try {
      byte[] body = lines.getBytes(StandardCharsets.UTF_8);
      HttpRequest.Builder request = HttpRequest.newBuilder(writeUri)
          .timeout(settings.requestTimeout())
          .header("Content-Type", "text/plain; charset=utf-8")
          .header("Accept", "application/json");
      if (settings.gzip()) {
        body = gzip(body);
        request.header("Content-Encoding", "gzip");
      }
      authorization.ifPresent(value -> request.header("Authorization", value));
      return client.sendAsync(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
          .handle((response, error) -> error == null ? classify(response) : transportFailure(error));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(transportFailure(e));
    }
  }

  private WriteResult classify(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new WriteResult.Written();
    }
    String text = InfluxErrorText.of(response.body());
    if (status >= 500 || status == 408 || status == 429) {
      return new WriteResult.Transient("HTTP " + status + ": " + text,
          RetryAfter.parse(response.headers().firstValue("Retry-After"), clock.instant()));
    }
    if (status == 400 || status == 413 || status == 422) {
      return new WriteResult.BadData(status, text);
    }
    return new WriteResult.Refused(status, text);
  }

  private static WriteResult transportFailure(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    // The JDK client's ConnectException often has no message; the reason is in its cause.
    String reason = cause.toString();
    for (Throwable inner = cause.getCause(); inner != null && inner != inner.getCause(); inner = inner.getCause()) {
      reason = reason + ": " + inner;
    }
    return new WriteResult.Transient(reason, Optional.empty());
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip in memory failed", e);
    }
    return out.toByteArray();
  }
}
