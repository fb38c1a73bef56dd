package io.telemetry.collect.meraki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GETs from the Meraki Dashboard API for one target: every request waits for a slot of the
 * organization's shared rate limiter; 429s pause the organization for their Retry-After and are
 * retried, as are 5xx answers, timeouts and connection failures (with a doubling backoff);
 * list endpoints are followed through their {@code Link: <...>; rel=next} pages. Blocking: the
 * device actor calls it on the blocking-I/O dispatcher. Errors name the target and the endpoint.
 */
final class MerakiHttp {

  /** A guard against a server whose next links never end. */
  static final int MAX_PAGES = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SHOWN = 300;

  private final String device;
  private final MerakiSettings settings;
  private final OrganizationRateLimiter limiter;
  private final HttpClient client;
  private final Duration requestTimeout;
  private final Clock clock;
  private final Ticker ticker;

  MerakiHttp(String device, MerakiSettings settings, OrganizationRateLimiter limiter, HttpClient client,
      Duration requestTimeout, Clock clock, Ticker ticker) {
    this.device = device;
    this.settings = settings;
    this.limiter = limiter;
    this.client = client;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    this.ticker = ticker;
  }

  /** Every item of a list endpoint, across its pages. */
  List<JsonNode> getAll(URI first) throws CollectException {
    List<JsonNode> items = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    URI uri = first;
    for (int page = 1; ; page++) {
      HttpResponse<String> response = get(uri);
      JsonNode body = parse(uri, response.body());
      if (!body.isArray()) {
        throw new CollectException(device, Kind.MALFORMED_REPLY, endpoint(uri) + ": expected a JSON array, got "
            + body.getNodeType().name().toLowerCase() + ": " + shorten(response.body()), false);
      }
      body.forEach(items::add);
      seen.add(uri);
      Optional<URI> next = LinkHeader.next(response.headers().allValues("Link"), uri);
      if (next.isEmpty()) {
        return items;
      }
      URI nextUri = next.get();
      if (!sameOrigin(nextUri, settings.baseUri())) {
        // The API key goes with every request: never to another host.
        throw new CollectException(device, Kind.MALFORMED_REPLY, endpoint(uri) + ": the next page link points to "
            + nextUri.getScheme() + "://" + nextUri.getAuthority() + ", not to " + settings.baseUri().getAuthority(), false);
      }
      if (seen.contains(nextUri) || page >= MAX_PAGES) {
        throw new CollectException(device, Kind.MALFORMED_REPLY, endpoint(uri) + ": pagination does not end (page "
            + page + " links to " + (seen.contains(nextUri) ? "an earlier page" : "yet another") + ")", false);
      }
      uri = nextUri;
    }
  }

  /** One GET with the rate limiter and the retries; returns a 2xx response. */
  HttpResponse<String> get(URI uri) throws CollectException {
    Duration backoff = settings.retryBackoff();
    for (int attempt = 1; ; attempt++) {
      waitForSlot(uri);
      Failure failure;
      try {
        HttpResponse<String> response = client.send(request(uri), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return response;
        }
        failure = classify(uri, response, backoff);
      } catch (HttpTimeoutException e) {
        failure = new Failure(Kind.TIMEOUT, "no answer within " + requestTimeout, true, backoff);
      } catch (ConnectException e) {
        failure = new Failure(Kind.CONNECT, "cannot connect to " + uri.getAuthority() + ": " + describe(e), true, backoff);
      } catch (IOException e) {
        failure = new Failure(Kind.CONNECT, "request failed: " + describe(e), true, backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectException(device, Kind.TIMEOUT, endpoint(uri) + ": interrupted", false, e);
      }
      if (failure.pausesOrganization()) {
        // Every collector of the organization honours the Retry-After, also when this one gives up.
        limiter.pauseFor(failure.delay());
      }
      if (!failure.retryable() || attempt > settings.retries()) {
        throw new CollectException(device, failure.kind(), endpoint(uri) + ": " + failure.reason()
            + (failure.retryable() ? " (gave up after " + attempt + " attempts)" : ""), false);
      }
      if (failure.delay().compareTo(settings.maxWait()) > 0) {
        throw new CollectException(device, failure.kind(), endpoint(uri) + ": " + failure.reason() + " (the wait of "
            + failure.delay() + " exceeds max-wait " + settings.maxWait() + "; not retried in this poll)", false);
      }
      if (!failure.pausesOrganization()) {
        sleep(failure.delay(), uri); // a paused organization's next slot already lies after the wait
      }
      backoff = min(backoff.multipliedBy(2), settings.maxWait());
    }
  }

  /** Why an attempt failed, whether to retry, and how long to wait first. */
  private record Failure(Kind kind, String reason, boolean retryable, Duration delay, boolean pausesOrganization) {
    Failure(Kind kind, String reason, boolean retryable, Duration delay) {
      this(kind, reason, retryable, delay, false);
    }
  }

  private Failure classify(URI uri, HttpResponse<String> response, Duration backoff) {
    int status = response.statusCode();
    String text = "HTTP " + status + errors(response.body());
    if (status == 429) {
      Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After"), clock.instant());
      Duration wait = retryAfter.orElse(backoff);
      return new Failure(Kind.RPC_ERROR, text + " (rate limited; Retry-After "
          + retryAfter.map(Duration::toString).orElse("absent") + ")", true, wait, true);
    }
    if (status >= 500) {
      return new Failure(Kind.RPC_ERROR, text, true, backoff);
    }
    if (status == 401 || status == 403) {
      return new Failure(Kind.AUTH, text + " (the API key was refused, or has no access to organization "
          + settings.organizationId() + ")", false, Duration.ZERO);
    }
    return new Failure(Kind.RPC_ERROR, text, false, Duration.ZERO);
  }

  private void waitForSlot(URI uri) throws CollectException {
    try {
      limiter.acquire(settings.maxWait());
    } catch (OrganizationRateLimiter.RateLimitWaitException e) {
      throw new CollectException(device, Kind.TIMEOUT, endpoint(uri) + ": " + e.getMessage(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectException(device, Kind.TIMEOUT, endpoint(uri) + ": interrupted waiting for a request slot",
          false, e);
    }
  }

  private void sleep(Duration wait, URI uri) throws CollectException {
    try {
      ticker.sleepNanos(wait.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectException(device, Kind.TIMEOUT, endpoint(uri) + ": interrupted during retry backoff", false, e);
    }
  }

  private HttpRequest request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(requestTimeout)
        .header("Authorization", "Bearer " + settings.apiKey())
        .header("Accept", "application/json")
        .header("User-Agent", "telemetry-meraki-collector")
        .GET()
        .build();
  }

  private JsonNode parse(URI uri, String body) throws CollectException {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new CollectException(device, Kind.MALFORMED_REPLY, endpoint(uri) + ": empty body", false);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new CollectException(device, Kind.MALFORMED_REPLY, endpoint(uri) + ": not JSON ("
          + e.getOriginalMessage() + "): " + shorten(body), false, e);
    }
  }

  /** {@code GET /api/v1/organizations/123/networks}: the request without its query. */
  static String endpoint(URI uri) {
    return "GET " + uri.getRawPath();
  }

  /** Meraki's {@code {"errors": ["..."]}}, else the start of the body. */
  private static String errors(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        List<String> messages = new ArrayList<>();
        errors.forEach(e -> messages.add(e.asText()));
        return ": " + shorten(String.join("; ", messages));
      }
    } catch (JsonProcessingException notJson) {
      // fall through to the raw text
    }
    return ": " + shorten(body);
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String shorten(String text) {
    String oneLine = text.strip().replaceAll("\\s*\\R\\s*", " ");
    return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN) + "...";
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
