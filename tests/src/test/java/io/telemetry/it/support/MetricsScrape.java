package io.telemetry.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.telemetry.testsupport.PrometheusTextParser;
import io.telemetry.testsupport.PrometheusTextParser.Family;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/** Reads a node's {@code GET /metrics}: checked for 200 and parsed strictly by {@link PrometheusTextParser}. */
public final class MetricsScrape {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private MetricsScrape() {}

  /** The families on {@code metricsUri}, by name. */
  public static Map<String, Family> scrape(URI metricsUri) {
    return PrometheusTextParser.parse(get(metricsUri).body());
  }

  /** The raw answer of {@code GET metricsUri}, asserted to be 200 (for a test that checks its headers too). */
  public static HttpResponse<String> get(URI metricsUri) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metricsUri).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + metricsUri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * The value of the sample named {@code sample} (a family's own name or a histogram's
   * _bucket/_sum/_count) with exactly these labels, in any family.
   */
  public static Optional<Double> value(Map<String, Family> families, String sample, Map<String, String> labels) {
    return families.values().stream().flatMap(f -> f.samples().stream())
        .filter(s -> s.name().equals(sample) && s.labels().equals(labels))
        .map(PrometheusTextParser.Sample::value).findFirst();
  }
}
