package io.telemetry.host.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Polls one node's Pekko Management endpoint about its health and the cluster it sees. */
public final class ManagementProbe {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** @param base e.g. {@code http://127.0.0.1:7626} */
  public ManagementProbe(URI base) {
    this.base = base;
  }

  /** One cluster member as this node sees it. */
  public record Member(String address, String status, List<String> roles) {}

  /** Whether {@code /health/ready} answers 200 (member Up and, on a collector, the device region registered). */
  public boolean ready() {
    return get("/health/ready").map(r -> r.statusCode() == 200).orElse(false);
  }

  /** Whether {@code /health/alive} answers 200. */
  public boolean alive() {
    return get("/health/alive").map(r -> r.statusCode() == 200).orElse(false);
  }

  /** The members from {@code /cluster/members} (empty when the node does not answer). */
  public List<Member> members() {
    Optional<HttpResponse<String>> response = get("/cluster/members");
    if (response.isEmpty() || response.get().statusCode() != 200) {
      return List.of();
    }
    try {
      List<Member> members = new ArrayList<>();
      for (JsonNode m : JSON.readTree(response.get().body()).path("members")) {
        List<String> roles = new ArrayList<>();
        m.path("roles").forEach(r -> roles.add(r.asText()));
        members.add(new Member(m.path("node").asText(), m.path("status").asText(), roles));
      }
      return members;
    } catch (IOException e) {
      throw new IllegalStateException("management at " + base + ": unreadable /cluster/members answer", e);
    }
  }

  private Optional<HttpResponse<String>> get(String path) {
    try {
      HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
      return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty(); // not listening (yet, or any more)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
