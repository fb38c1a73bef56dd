package io.telemetry.collect.meraki;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@code rel="next"} target of HTTP {@code Link} headers (RFC 8288), which the Meraki
 * API uses for pagination: {@code <https://api.meraki.com/api/v1/...?perPage=3&startingAfter=N_3>; rel=next}.
 * Links may share one header (comma-separated) or come in several; targets may be relative.
 */
final class LinkHeader {

  private LinkHeader() {}

  /** The next page's URI, resolved against the request's URI; empty on the last page. */
  static Optional<URI> next(List<String> headerValues, URI requestUri) {
    for (String header : headerValues) {
      for (String link : split(header)) {
        int open = link.indexOf('<');
        int close = link.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
          continue;
        }
        String target = link.substring(open + 1, close).trim();
        for (String param : link.substring(close + 1).split(";")) {
          int eq = param.indexOf('=');
          if (eq < 0 || !param.substring(0, eq).trim().equalsIgnoreCase("rel")) {
            continue;
          }
          String rels = param.substring(eq + 1).trim().replace("\"", "").toLowerCase(Locale.ROOT);
          for (String rel : rels.split("\\s+")) {
            if (rel.equals("next")) {
              return Optional.of(resolve(requestUri, target));
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** RFC 3986 resolution; {@link URI#resolve} mishandles a query-only reference ({@code ?page=2}). */
  private static URI resolve(URI base, String target) {
    if (target.startsWith("?")) {
      return URI.create(base.getScheme() + "://" + base.getRawAuthority() + base.getRawPath() + target);
    }
    return base.resolve(target);
  }

  /** Splits at commas outside {@code <...>} and quotes (URIs and parameters may hold commas). */
  private static List<String> split(String header) {
    List<String> links = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inUri = false;
    boolean inQuotes = false;
    for (char c : header.toCharArray()) {
      if (c == '<' && !inQuotes) {
        inUri = true;
      } else if (c == '>' && !inQuotes) {
        inUri = false;
      } else if (c == '"' && !inUri) {
        inQuotes = !inQuotes;
      } else if (c == ',' && !inUri && !inQuotes) {
        links.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    links.add(current.toString());
    return links;
  }
}
