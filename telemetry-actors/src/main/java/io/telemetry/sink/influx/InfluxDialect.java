package io.telemetry.sink.influx;

import com.typesafe.config.ConfigException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The write API the sink speaks ({@code telemetry.influx.dialect}). Every dialect posts the same
 * line protocol with nanosecond timestamps; they differ in path, query and authentication.
 */
public enum InfluxDialect {
  /** InfluxDB 1.x {@code POST /write?db=&rp=&precision=ns}; Basic auth or {@code Token}. */
  V1,
  /** InfluxDB 2.x {@code POST /api/v2/write?org=&bucket=&precision=ns}; {@code Token} auth. */
  V2,
  /**
   * InfluxDB 3 {@code POST /api/v3/write_lp?db=&precision=nanosecond&accept_partial=false};
   * {@code Bearer} auth. Partial writes are refused so that a 400 means nothing was written and
   * splitting the batch writes every good line exactly once.
   */
  V3;

  /** Parses the HOCON spelling ({@code v1}, {@code v2}, {@code v3}). */
  public static InfluxDialect parse(String value, String settingPath) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "v1" -> V1;
      case "v2" -> V2;
      case "v3" -> V3;
      default -> throw new ConfigException.BadValue(settingPath,
          "\"" + value + "\" is not an InfluxDB write dialect; use v1, v2 or v3");
    };
  }

  /** The write endpoint with its query parameters, below the configured base URL's path. */
  URI writeUri(InfluxSinkSettings settings) {
    Map<String, String> query = new LinkedHashMap<>();
    String path;
    switch (this) {
      case V1 -> {
        path = "/write";
        query.put("db", settings.database());
        if (!settings.retentionPolicy().isEmpty()) {
          query.put("rp", settings.retentionPolicy());
        }
        query.put("precision", "ns");
      }
      case V2 -> {
        path = "/api/v2/write";
        if (!settings.org().isEmpty()) {
          query.put("org", settings.org());
        }
        query.put("bucket", settings.bucket());
        query.put("precision", "ns");
      }
      default -> {
        path = "/api/v3/write_lp";
        query.put("db", settings.database());
        query.put("precision", "nanosecond");
        query.put("accept_partial", "false");
      }
    }
    StringJoiner joined = new StringJoiner("&");
    query.forEach((k, v) -> joined.add(k + "=" + encode(v)));
    String base = settings.url().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + path + "?" + joined);
  }

  /** The {@code Authorization} header value, if the settings carry credentials for this dialect. */
  Optional<String> authorization(InfluxSinkSettings settings) {
    return switch (this) {
      case V1 -> {
        if (!settings.username().isEmpty()) {
          String pair = settings.username() + ":" + settings.password();
          yield Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        yield settings.token().isEmpty() ? Optional.empty() : Optional.of("Token " + settings.token());
      }
      case V2 -> Optional.of("Token " + settings.token());
      default -> settings.token().isEmpty() ? Optional.empty() : Optional.of("Bearer " + settings.token());
    };
  }

  /** Which settings to check when the server refuses the write with this (non-data) status. */
  String settingsToCheck(int status) {
    String p = InfluxSinkSettings.PATH + ".";
    if (status == 401 || status == 403) {
      return switch (this) {
        case V1 -> p + "username and " + p + "password (or " + p + "token)";
        default -> p + "token";
      };
    }
    if (status == 404) {
      return switch (this) {
        case V2 -> p + "bucket and " + p + "org";
        default -> p + "database";
      } + " (and the path of " + p + "url)";
    }
    return p + "url and " + p + "dialect";
  }

  /** The HOCON spelling. */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }

  // Query values are percent-encoded, spaces as %20 (not the form encoding's '+').
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
