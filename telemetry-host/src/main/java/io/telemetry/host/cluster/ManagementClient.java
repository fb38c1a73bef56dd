package io.telemetry.host.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Talks to one node's Pekko Management HTTP server: Telemetry's {@code GET /telemetry/cluster}
 * and Pekko's cluster route {@code PUT /cluster/members/{address}} (operation=Leave).
 */
public final class ManagementClient {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  // Longer than the route's own wait for sharding statistics (cluster-status-timeout, 5 s).
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final URI base;
  private final HttpClient http;

  public ManagementClient(URI base) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  public URI base() {
    return base;
  }

  public ClusterStatus clusterStatus() {
    URI uri = URI.create(base + "/telemetry/cluster");
    String body = send(HttpRequest.newBuilder(uri).GET(), uri);
    return ClusterStatusJson.read(body, uri.toString());
  }

  /** Asks the cluster to let the member at {@code address} leave; returns Pekko's answer. */
  public String leave(String address) {
    // Pekko finds the member by its full address or by "system@host:port"; the latter has no
    // slashes to escape in a path segment.
    String hostPort = address.startsWith("pekko://") ? address.substring("pekko://".length()) : address;
    URI uri = URI.create(base + "/cluster/members/" + URLEncoder.encode(hostPort, StandardCharsets.UTF_8));
    HttpRequest.Builder put = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .PUT(HttpRequest.BodyPublishers.ofString("operation=Leave"));
    return send(put, uri);
  }

  /** {@code GET /telemetry/targets}: the cluster's target table as JSON. */
  public String targets() {
    URI uri = URI.create(base + "/telemetry/targets");
    return send(HttpRequest.newBuilder(uri).GET(), uri);
  }

  /** {@code GET /telemetry/targets/{id}}. */
  public String target(String id) {
    URI uri = targetUri(id);
    return send(HttpRequest.newBuilder(uri).GET(), uri);
  }

  /** {@code PUT /telemetry/targets/{id}} with a resource object; returns the node's answer. */
  public String putTarget(String id, String json) {
    URI uri = targetUri(id);
    return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)), uri);
  }

  /** {@code DELETE /telemetry/targets/{id}}; returns the node's answer. */
  public String removeTarget(String id) {
    URI uri = targetUri(id);
    return send(HttpRequest.newBuilder(uri).DELETE(), uri);
  }

  private URI targetUri(String id) {
    return URI.create(base + "/telemetry/targets/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private String send(HttpRequest.Builder request, URI uri) {
    HttpResponse<String> response;
    try {
      response = http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ManagementException("no answer from " + uri + " within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
    } catch (ConnectException e) {
      throw new ManagementException("cannot reach the management endpoint at " + uri
          + " (connection refused or unreachable): is the node running, with its management port there?", e);
    } catch (IOException e) {
      throw new ManagementException("request to " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ManagementException("interrupted waiting for " + uri, e);
    }
    int code = response.statusCode();
    if (code == 405) {
      throw new ManagementException(uri + " refused " + response.request().method() + " (405): the node's management"
          + " routes are read-only; set pekko.management.http.route-providers-read-only = false on it");
    }
    if (code / 100 != 2) {
      throw new ManagementException(uri + " answered " + code + ": " + response.body().strip(), code,
          response.body());
    }
    return response.body();
  }
}
