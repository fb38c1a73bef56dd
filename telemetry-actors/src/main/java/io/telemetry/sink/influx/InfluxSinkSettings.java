package io.telemetry.sink.influx;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import io.telemetry.pipeline.OverflowPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code telemetry.influx} block, validated. Which credentials and names a dialect uses:
 * v1 {@code database}, {@code retention-policy}, {@code username}/{@code password} (Basic auth) or
 * {@code token}; v2 {@code org}, {@code bucket}, {@code token}; v3 {@code database}, {@code token}.
 * Settings a dialect does not use are ignored.
 *
 * @param url             base URL of the server, e.g. {@code http://127.0.0.1:8086}; a path is kept
 *                        as a prefix (for servers behind a proxy)
 * @param batchPoints     lines (InfluxDB points, one per sample) per write request, at most
 * @param batchInterval   how long the sink collects lines before writing a smaller batch
 * @param parallelism     write requests in flight at once
 * @param requestTimeout  connect and response timeout of one request
 * @param retryBackoffMin first retry delay; doubles per retry of the same write
 * @param retryBackoffMax longest retry delay (also the cap on a server's Retry-After)
 * @param bufferBatches   the sink's buffer in poll batches
 * @param overflow        what the buffer does when full
 * @param gzip            whether request bodies are gzip-compressed
 */
public record InfluxSinkSettings(
    URI url,
    InfluxDialect dialect,
    String database,
    String retentionPolicy,
    String org,
    String bucket,
    String token,
    String username,
    String password,
    int batchPoints,
    Duration batchInterval,
    int parallelism,
    Duration requestTimeout,
    Duration retryBackoffMin,
    Duration retryBackoffMax,
    int bufferBatches,
    OverflowPolicy overflow,
    boolean gzip) {

  /** Where this block lives in the configuration; every error message names paths below it. */
  public static final String PATH = "telemetry.influx";

  public InfluxSinkSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(dialect, "dialect");
    database = Objects.requireNonNullElse(database, "");
    retentionPolicy = Objects.requireNonNullElse(retentionPolicy, "");
    org = Objects.requireNonNullElse(org, "");
    bucket = Objects.requireNonNullElse(bucket, "");
    token = Objects.requireNonNullElse(token, "");
    username = Objects.requireNonNullElse(username, "");
    password = Objects.requireNonNullElse(password, "");
    Objects.requireNonNull(overflow, "overflow");
    checkUrl(url, null);
    atLeastOne(batchPoints, "batch-points", null);
    atLeastOne(parallelism, "parallelism", null);
    atLeastOne(bufferBatches, "buffer-batches", null);
    positive(batchInterval, "batch-interval", null);
    positive(requestTimeout, "request-timeout", null);
    positive(retryBackoffMin, "retry-backoff-min", null);
    positive(retryBackoffMax, "retry-backoff-max", null);
    if (retryBackoffMax.compareTo(retryBackoffMin) < 0) {
      throw bad(null, "retry-backoff-max", "must not be shorter than " + PATH + ".retry-backoff-min ("
          + retryBackoffMin + "), was " + retryBackoffMax);
    }
    switch (dialect) {
      case V1 -> {
        required(database, "database", "the v1 dialect writes to a database");
        if (username.isEmpty() && !password.isEmpty()) {
          throw bad(null, "username", "is empty while " + PATH + ".password is set (v1 Basic auth needs both)");
        }
      }
      case V2 -> {
        required(bucket, "bucket", "the v2 dialect writes to a bucket");
        required(token, "token", "the v2 dialect authenticates with an API token (e.g. token = ${?INFLUX_TOKEN})");
      }
      case V3 -> required(database, "database", "the v3 dialect writes to a database");
    }
  }

  /** Whether the sink is switched on ({@code telemetry.influx.enabled}). */
  public static boolean enabled(Config telemetryInflux) {
    return bool(telemetryInflux, "enabled");
  }

  /**
   * Reads and validates the {@code telemetry.influx} block (with the reference defaults merged, as
   * {@code ConfigFactory.load().getConfig("telemetry.influx")} gives it).
   *
   * @throws ConfigException.BadValue naming the full setting path of the first problem
   */
  public static InfluxSinkSettings fromConfig(Config c) {
    URI url = parseUrl(c);
    InfluxDialect dialect = InfluxDialect.parse(string(c, "dialect"), PATH + ".dialect");
    OverflowPolicy overflow = OverflowPolicy.parse(string(c, "overflow"), PATH + ".overflow");
    return new InfluxSinkSettings(url, dialect, string(c, "database"), string(c, "retention-policy"),
        string(c, "org"), string(c, "bucket"), string(c, "token"), string(c, "username"),
        string(c, "password"), integer(c, "batch-points"), duration(c, "batch-interval"),
        integer(c, "parallelism"), duration(c, "request-timeout"), duration(c, "retry-backoff-min"),
        duration(c, "retry-backoff-max"), integer(c, "buffer-batches"), overflow, bool(c, "gzip"));
  }

  /** A copy writing to another server (tests, embedded servers). */
  public InfluxSinkSettings withUrl(URI newUrl) {
    return new InfluxSinkSettings(newUrl, dialect, database, retentionPolicy, org, bucket, token, username,
        password, batchPoints, batchInterval, parallelism, requestTimeout, retryBackoffMin, retryBackoffMax,
        bufferBatches, overflow, gzip);
  }

  /** The write endpoint with its query parameters. */
  public URI writeUri() {
    return dialect.writeUri(this);
  }

  /** Secrets are masked: settings get logged. */
  @Override
  public String toString() {
    return "InfluxSinkSettings[url=" + url + ", dialect=" + dialect.spelling() + ", database=" + database
        + ", retentionPolicy=" + retentionPolicy + ", org=" + org + ", bucket=" + bucket
        + ", token=" + mask(token) + ", username=" + username + ", password=" + mask(password)
        + ", batchPoints=" + batchPoints + ", batchInterval=" + batchInterval + ", parallelism=" + parallelism
        + ", requestTimeout=" + requestTimeout + ", retryBackoffMin=" + retryBackoffMin
        + ", retryBackoffMax=" + retryBackoffMax + ", bufferBatches=" + bufferBatches
        + ", overflow=" + overflow + ", gzip=" + gzip + "]";
  }

  private static String mask(String secret) {
    return secret.isEmpty() ? "" : "***";
  }

  private static URI parseUrl(Config c) {
    String text = string(c, "url").trim();
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw bad(c.getValue("url").origin(), "url", "\"" + text + "\" is not a URL: " + e.getMessage());
    }
    checkUrl(uri, c.getValue("url").origin());
    return uri;
  }

  private static void checkUrl(URI uri, ConfigOrigin origin) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw bad(origin, "url", "\"" + uri + "\" must be an http:// or https:// URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw bad(origin, "url", "\"" + uri + "\" has no host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw bad(origin, "url", "\"" + uri + "\" must not have a query or fragment; the sink adds the write path and query");
    }
    if (uri.getRawUserInfo() != null) {
      throw bad(origin, "url", "must not carry credentials; use " + PATH + ".username/password or " + PATH + ".token");
    }
  }

  private static void required(String value, String key, String why) {
    if (value.isBlank()) {
      throw bad(null, key, "is empty: " + why);
    }
  }

  private static void atLeastOne(int value, String key, ConfigOrigin origin) {
    if (value < 1) {
      throw bad(origin, key, "must be at least 1, was " + value);
    }
  }

  private static void positive(Duration value, String key, ConfigOrigin origin) {
    Objects.requireNonNull(value, key);
    if (value.isZero() || value.isNegative()) {
      throw bad(origin, key, "must be longer than zero, was " + value);
    }
  }

  private static ConfigValue present(Config config, String key) {
    if (!config.hasPathOrNull(key) || config.getIsNull(key)) {
      throw new ConfigException.BadValue(PATH + "." + key, "missing (no default found either)");
    }
    return config.getValue(key);
  }

  private static String string(Config config, String key) {
    ConfigValue value = present(config, key);
    return switch (value.valueType()) {
      case STRING, NUMBER, BOOLEAN -> String.valueOf(value.unwrapped());
      default -> throw bad(value.origin(), key, "expected a string, found " + value.valueType());
    };
  }

  private static int integer(Config config, String key) {
    ConfigValue value = present(config, key);
    try {
      return config.getInt(key);
    } catch (ConfigException e) {
      throw bad(value.origin(), key, "expected a whole number, found " + value.render());
    }
  }

  private static Duration duration(Config config, String key) {
    ConfigValue value = present(config, key);
    try {
      return config.getDuration(key);
    } catch (ConfigException e) {
      throw bad(value.origin(), key, "expected a duration such as 500ms or 2s, found " + value.render());
    }
  }

  private static boolean bool(Config config, String key) {
    ConfigValue value = present(config, key);
    try {
      return config.getBoolean(key);
    } catch (ConfigException e) {
      throw bad(value.origin(), key, "expected on or off, found " + value.render());
    }
  }

  private static ConfigException.BadValue bad(ConfigOrigin origin, String key, String problem) {
    return origin == null
        ? new ConfigException.BadValue(PATH + "." + key, problem)
        : new ConfigException.BadValue(origin, PATH + "." + key, problem);
  }
}
