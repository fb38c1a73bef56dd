package io.telemetry.collect.meraki;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import io.telemetry.collect.CollectorSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of one {@code meraki} collector block, read and checked at config load. Every
 * error names its path, e.g. {@code telemetry.targets[4].collectors[0].organization-id}.
 *
 * @param baseUri          the API root, e.g. {@code https://api.meraki.com/api/v1} (no trailing slash)
 * @param apiKey           sent as {@code Authorization: Bearer <key>}; never printed
 * @param collect          which families to poll
 * @param uplinksTimespan  how far back each uplink poll looks (the API allows at most 5 minutes)
 * @param clientsTimespan  the window the clients' usage covers (at most 31 days)
 * @param clientsPerPage   page size for the clients list (3 to 5000)
 * @param networks         only these network ids; empty: every network of the organization
 * @param retries          further attempts after a 429, a 5xx, a timeout or a connection failure
 * @param retryBackoff     first wait before retrying a 5xx, doubling per attempt
 * @param maxWait          the longest one request waits: for a rate-limit slot, a Retry-After or a backoff
 */
public record MerakiSettings(
    URI baseUri,
    String apiKey,
    String organizationId,
    Set<Family> collect,
    Duration uplinksTimespan,
    Duration clientsTimespan,
    int clientsPerPage,
    List<String> networks,
    int retries,
    Duration retryBackoff,
    Duration maxWait) {

  /** What the collector can poll. */
  public enum Family {
    UPLINKS("uplinks"),
    CLIENTS("clients");

    private final String configName;

    Family(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }

  public static final String DEFAULT_BASE_URL = "https://api.meraki.com/api/v1";
  static final Duration MAX_UPLINKS_TIMESPAN = Duration.ofMinutes(5);
  static final Duration MAX_CLIENTS_TIMESPAN = Duration.ofDays(31);

  private static final Set<String> KEYS = Set.of("organization-id", "api-key", "base-url", "collect",
      "uplinks-timespan", "clients-timespan", "clients-per-page", "networks", "retries", "retry-backoff", "max-wait");

  public MerakiSettings {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(organizationId, "organizationId");
    collect = Set.copyOf(collect);
    networks = List.copyOf(networks);
  }

  /** Reads a collector block; throws {@link ConfigException} naming the offending path. */
  public static MerakiSettings from(CollectorSpec spec) {
    Config block = spec.settings();
    String path = spec.path();
    for (String key : block.root().keySet()) {
      if (!KEYS.contains(key)) {
        throw new ConfigException.BadPath(block.origin(), path + "." + key,
            "unknown setting of a meraki collector; expected one of " + new TreeSet<>(KEYS));
      }
    }
    String organization = requiredString(block, "organization-id", path,
        "the organization's id (Dashboard > Organization > Settings, or GET /organizations)");
    String apiKey = requiredString(block, "api-key", path,
        "the Dashboard API key; keep it in the environment: api-key = ${?MERAKI_API_KEY}");
    URI base = baseUri(block, path);
    Set<Family> collect = collect(block, path);
    Duration uplinks = duration(block, "uplinks-timespan", path, MAX_UPLINKS_TIMESPAN);
    if (uplinks.compareTo(MAX_UPLINKS_TIMESPAN) > 0) {
      throw new ConfigException.BadValue(block.origin(), path + ".uplinks-timespan",
          "the uplinksLossAndLatency API allows at most 5 minutes, was " + uplinks);
    }
    Duration clients = duration(block, "clients-timespan", path, Duration.ofDays(1));
    if (clients.compareTo(MAX_CLIENTS_TIMESPAN) > 0) {
      throw new ConfigException.BadValue(block.origin(), path + ".clients-timespan",
          "the clients API allows at most 31 days, was " + clients);
    }
    int perPage = integer(block, "clients-per-page", path, 1000);
    if (perPage < 3 || perPage > 5000) {
      throw new ConfigException.BadValue(block.origin(), path + ".clients-per-page", "must be 3 to 5000, was " + perPage);
    }
    List<String> networks = strings(block, "networks", path);
    int retries = integer(block, "retries", path, 3);
    if (retries < 0 || retries > 20) {
      throw new ConfigException.BadValue(block.origin(), path + ".retries", "must be 0 to 20, was " + retries);
    }
    Duration backoff = duration(block, "retry-backoff", path, Duration.ofSeconds(1));
    Duration maxWait = duration(block, "max-wait", path, Duration.ofSeconds(30));
    return new MerakiSettings(base, apiKey, organization, collect, uplinks, clients, perPage, networks, retries,
        backoff, maxWait);
  }

  private static URI baseUri(Config block, String path) {
    String text = block.hasPath("base-url") ? block.getString("base-url") : DEFAULT_BASE_URL;
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawQuery() != null) {
        throw new URISyntaxException(text, "expected http(s)://host[:port]/path without a query");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException.BadValue(block.origin(), path + ".base-url", "not a usable base URL: " + e.getMessage());
    }
  }

  private static Set<Family> collect(Config block, String path) {
    if (!block.hasPath("collect")) {
      return EnumSet.allOf(Family.class);
    }
    Set<Family> families = EnumSet.noneOf(Family.class);
    for (String name : strings(block, "collect", path)) {
      Family family = EnumSet.allOf(Family.class).stream().filter(f -> f.configName.equals(name)).findFirst()
          .orElseThrow(() -> new ConfigException.BadValue(block.origin(), path + ".collect",
              "unknown \"" + name + "\"; known: [uplinks, clients]"));
      families.add(family);
    }
    if (families.isEmpty()) {
      throw new ConfigException.BadValue(block.origin(), path + ".collect", "must name uplinks, clients or both");
    }
    return families;
  }

  private static int integer(Config block, String key, String path, int fallback) {
    try {
      return block.hasPath(key) ? block.getInt(key) : fallback;
    } catch (ConfigException.WrongType e) {
      throw new ConfigException.WrongType(block.origin(), path + "." + key, "integer", block.getValue(key).valueType().name());
    }
  }

  private static List<String> strings(Config block, String key, String path) {
    try {
      return block.hasPath(key) ? block.getStringList(key) : List.of();
    } catch (ConfigException.WrongType e) {
      throw new ConfigException.WrongType(block.origin(), path + "." + key, "list of strings",
          block.getValue(key).valueType().name());
    }
  }

  private static Duration duration(Config block, String key, String path, Duration fallback) {
    if (!block.hasPath(key)) {
      return fallback;
    }
    Duration d;
    try {
      d = block.getDuration(key);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw new ConfigException.BadValue(block.origin(), path + "." + key, "not a duration (e.g. 30s): " + e.getMessage());
    }
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException.BadValue(block.origin(), path + "." + key, "must be positive, was " + d);
    }
    return d;
  }

  private static String requiredString(Config block, String key, String path, String what) {
    if (!block.hasPath(key)) {
      throw new ConfigException.BadValue(block.origin(), path + "." + key, "missing: " + what);
    }
    ConfigValueType type = block.getValue(key).valueType();
    if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST) {
      throw new ConfigException.WrongType(block.origin(), path + "." + key, "string", type.name().toLowerCase());
    }
    String value = block.getString(key).strip();
    if (value.isEmpty()) {
      throw new ConfigException.BadValue(block.origin(), path + "." + key, "is empty: " + what);
    }
    return value;
  }

  /** Never prints the API key. */
  @Override
  public String toString() {
    return "MerakiSettings[" + baseUri + " organization " + organizationId + " " + collect + "]";
  }
}
