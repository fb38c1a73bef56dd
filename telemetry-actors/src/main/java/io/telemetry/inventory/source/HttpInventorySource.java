package io.telemetry.inventory.source;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An inventory served over HTTP(S), fetched with one GET per refresh (JDK HTTP client). */
final class HttpInventorySource implements InventorySource {

  /** One client for every inventory of the node; created on first use (it owns a selector thread). */
  private static final class Client {
    static final HttpClient INSTANCE = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static final int MAX_BODY_EXCERPT = 200;

  private final URI uri;
  private final String description;

  HttpInventorySource(URI uri) {
    this.uri = uri;
    this.description = withoutSecrets(uri);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String fetch(Duration timeout) throws InventoryException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Accept", "application/json, application/x-ndjson")
        .GET()
        .build();
    HttpResponse<String> response;
    try {
      response = Client.INSTANCE.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new InventoryException(description + ": no reply within " + timeout, e);
    } catch (IOException e) {
      throw new InventoryException(description + ": request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InventoryException(description + ": interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      String body = response.body() == null ? "" : response.body().strip();
      throw new InventoryException(description + ": HTTP " + response.statusCode()
          + (body.isEmpty() ? "" : ": " + (body.length() > MAX_BODY_EXCERPT ? body.substring(0, MAX_BODY_EXCERPT) + "..." : body)));
    }
    return response.body();
  }

  /** User info and query may carry credentials: logs show scheme, host, port and path only. */
  private static String withoutSecrets(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
    } catch (URISyntaxException e) {
      return uri.getScheme() + "://" + uri.getHost();
    }
  }
}
