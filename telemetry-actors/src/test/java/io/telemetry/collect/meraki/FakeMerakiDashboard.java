package io.telemetry.collect.meraki;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetry.testsupport.RecordingHttpServer;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import io.telemetry.testsupport.RecordingHttpServer.Request;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Meraki Dashboard API v1, serving the documented shapes from data a
 * test sets up: organizations' networks, uplink loss and latency time series and network
 * clients, paginated with {@code perPage}/{@code startingAfter} and RFC 8288 {@code Link}
 * headers as Meraki does. It checks the bearer API key, and a test can queue failures (429 with
 * Retry-After, 5xx, anything) for requests matching a predicate. Shared with the tests module
 * through the test-jar.
 */
public final class FakeMerakiDashboard implements AutoCloseable {

  /** One uplink time-series point; {@code null} values are sent as JSON null. */
  public record Point(Instant ts, Double lossPercent, Double latencyMs) {}

  /** One uplink item of uplinksLossAndLatency. */
  public record Uplink(String networkId, String serial, String uplink, String ip, List<Point> timeSeries) {}

  /** One client of a network. */
  public record Client(String id, String mac, String description, Double sent, Double recv, String status) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NETWORKS = Pattern.compile("/api/v1/organizations/([^/]+)/networks");
  private static final Pattern UPLINKS = Pattern.compile("/api/v1/organizations/([^/]+)/devices/uplinksLossAndLatency");
  private static final Pattern CLIENTS = Pattern.compile("/api/v1/networks/([^/]+)/clients");

  private final String apiKey;
  private final Map<String, List<String>> networksByOrganization = new LinkedHashMap<>();
  private final Map<String, List<Uplink>> uplinksByOrganization = new LinkedHashMap<>();
  private final Map<String, List<Client>> clientsByNetwork = new LinkedHashMap<>();
  private final Deque<Failure> failures = new ArrayDeque<>();
  private final RecordingHttpServer server;

  private record Failure(Predicate<Request> when, Reply reply) {}

  public FakeMerakiDashboard(String apiKey) {
    this.apiKey = apiKey;
    this.server = RecordingHttpServer.start(this::answer);
  }

  /** {@code http://127.0.0.1:<port>/api/v1}, the base-url to configure. */
  public String baseUrl() {
    return server.uri() + "/api/v1";
  }

  public synchronized FakeMerakiDashboard network(String organizationId, String networkId, Client... clients) {
    networksByOrganization.computeIfAbsent(organizationId, o -> new ArrayList<>()).add(networkId);
    clientsByNetwork.put(networkId, new ArrayList<>(List.of(clients)));
    return this;
  }

  public synchronized FakeMerakiDashboard uplinks(String organizationId, Uplink... uplinks) {
    uplinksByOrganization.put(organizationId, new ArrayList<>(List.of(uplinks)));
    return this;
  }

  /** The next request matching {@code when} gets {@code reply} instead (queue several for several). */
  public synchronized FakeMerakiDashboard failNext(Predicate<Request> when, Reply reply) {
    failures.add(new Failure(when, reply));
    return this;
  }

  /** A 429 as Meraki sends it. */
  public static Reply rateLimited(int retryAfterSeconds) {
    return Reply.of(429, "{\"errors\":[\"API rate limit exceeded for organization\"]}")
        .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
  }

  public static Predicate<Request> pathContains(String part) {
    return request -> request.path().contains(part);
  }

  public List<Request> requests() {
    return server.requests();
  }

  @Override
  public void close() {
    server.close();
  }

  private synchronized Reply answer(Request request) throws Exception {
    for (Failure failure : failures) {
      if (failure.when().test(request)) {
        failures.remove(failure);
        return failure.reply();
      }
    }
    if (!request.header("Authorization").equals(java.util.Optional.of("Bearer " + apiKey))) {
      return Reply.of(401, "{\"errors\":[\"Invalid API key\"]}");
    }
    Matcher m;
    if ((m = NETWORKS.matcher(request.path())).matches()) {
      List<ObjectNode> items = new ArrayList<>();
      for (String id : networksByOrganization.getOrDefault(m.group(1), List.of())) {
        items.add(JSON.createObjectNode().put("id", id).put("organizationId", m.group(1)).put("name", "net " + id)
            .set("productTypes", JSON.createArrayNode().add("appliance").add("wireless")));
      }
      return page(request, items, "id");
    }
    if ((m = UPLINKS.matcher(request.path())).matches()) {
      ArrayNode body = JSON.createArrayNode();
      for (Uplink u : uplinksByOrganization.getOrDefault(m.group(1), List.of())) {
        ObjectNode item = body.addObject().put("networkId", u.networkId()).put("serial", u.serial())
            .put("uplink", u.uplink()).put("ip", u.ip());
        ArrayNode series = item.putArray("timeSeries");
        for (Point p : u.timeSeries()) {
          ObjectNode point = series.addObject().put("ts", p.ts().toString());
          if (p.lossPercent() == null) {
            point.putNull("lossPercent");
          } else {
            point.put("lossPercent", p.lossPercent());
          }
          if (p.latencyMs() == null) {
            point.putNull("latencyMs");
          } else {
            point.put("latencyMs", p.latencyMs());
          }
        }
      }
      return Reply.of(200, JSON.writeValueAsString(body));
    }
    if ((m = CLIENTS.matcher(request.path())).matches()) {
      List<Client> clients = clientsByNetwork.get(m.group(1));
      if (clients == null) {
        return Reply.of(404, "{\"errors\":[\"Network not found\"]}");
      }
      List<ObjectNode> items = new ArrayList<>();
      for (Client c : clients) {
        ObjectNode item = JSON.createObjectNode().put("id", c.id()).put("mac", c.mac())
            .put("ip", "10.0.0." + (items.size() + 2)).put("firstSeen", 1518365681).put("lastSeen", 1526087474)
            .put("manufacturer", "Apple").put("os", "iOS").put("vlan", "100").put("status", c.status());
        if (c.description() == null) {
          item.putNull("description");
        } else {
          item.put("description", c.description());
        }
        ObjectNode usage = item.putObject("usage");
        usage.put("sent", c.sent());
        usage.put("recv", c.recv());
        items.add(item);
      }
      return page(request, items, "id");
    }
    return Reply.of(404, "{\"errors\":[\"Not found\"]}");
  }

  /** One page after {@code startingAfter}, with a {@code Link} header when more follow. */
  private Reply page(Request request, List<ObjectNode> all, String idField) throws Exception {
    int perPage = Integer.parseInt(request.query().getOrDefault("perPage", "10"));
    String after = request.query().get("startingAfter");
    int start = 0;
    if (after != null) {
      while (start < all.size() && !all.get(start).get(idField).asText().equals(after)) {
        start++;
      }
      start++;
    }
    int end = Math.min(all.size(), start + perPage);
    ArrayNode body = JSON.createArrayNode();
    all.subList(Math.min(start, all.size()), end).forEach(body::add);
    Reply reply = Reply.of(200, JSON.writeValueAsString(body));
    String first = link(request, null);
    if (end < all.size()) {
      String next = link(request, all.get(end - 1).get(idField).asText());
      reply = reply.withHeader("Link", "<" + first + ">; rel=first, <" + next + ">; rel=next");
    } else {
      reply = reply.withHeader("Link", "<" + first + ">; rel=first");
    }
    return reply;
  }

  private String link(Request request, String startingAfter) {
    StringBuilder url = new StringBuilder(server.uri() + request.path() + "?");
    request.query().forEach((k, v) -> {
      if (!k.equals("startingAfter")) {
        url.append(k).append('=').append(v).append('&');
      }
    });
    if (startingAfter != null) {
      url.append("startingAfter=").append(startingAfter);
    } else {
      url.setLength(url.length() - 1);
    }
    return url.toString();
  }
}
