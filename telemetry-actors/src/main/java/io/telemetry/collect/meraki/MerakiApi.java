package io.telemetry.collect.meraki;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetry.collect.CollectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The three Dashboard API v1 endpoints the collector reads, as URIs under the configured base. */
final class MerakiApi {

  /** Networks per page: the API allows up to 100000, its default is 1000. */
  static final int NETWORKS_PER_PAGE = 1000;

  private final MerakiHttp http;
  private final MerakiSettings settings;

  MerakiApi(MerakiHttp http, MerakiSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  /** {@code GET /organizations/{organizationId}/networks}, every page. */
  List<JsonNode> networks() throws CollectException {
    return http.getAll(uri("/organizations/" + encode(settings.organizationId()) + "/networks?perPage="
        + NETWORKS_PER_PAGE));
  }

  /** {@code GET /organizations/{organizationId}/devices/uplinksLossAndLatency?timespan=...}. */
  List<JsonNode> uplinksLossAndLatency() throws CollectException {
    return http.getAll(uri("/organizations/" + encode(settings.organizationId())
        + "/devices/uplinksLossAndLatency?timespan=" + seconds(settings.uplinksTimespan())));
  }

  /** {@code GET /networks/{networkId}/clients?timespan=...&perPage=...}, every page. */
  List<JsonNode> clients(String networkId) throws CollectException {
    return http.getAll(uri("/networks/" + encode(networkId) + "/clients?timespan=" + seconds(settings.clientsTimespan())
        + "&perPage=" + settings.clientsPerPage()));
  }

  private URI uri(String pathAndQuery) {
    return URI.create(settings.baseUri() + pathAndQuery);
  }

  private static long seconds(Duration d) {
    return Math.max(1, d.toSeconds());
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
