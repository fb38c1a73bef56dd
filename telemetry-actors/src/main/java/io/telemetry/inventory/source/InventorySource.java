package io.telemetry.inventory.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Where an inventory comes from: a file or an HTTP(S) URL. Fetching blocks. */
public interface InventorySource {

  /** The location as named in logs and errors (an HTTP URL without its user info and query). */
  String describe();

  /** The inventory's text. Throws naming {@link #describe()} on any failure. */
  String fetch(Duration timeout) throws InventoryException;

  /**
   * Parses the {@code inventory} setting: {@code file:/absolute/path} or an {@code http://} /
   * {@code https://} URL.
   *
   * @throws IllegalArgumentException saying what is wrong with the location
   */
  static InventorySource of(String location) {
    URI uri;
    try {
      uri = new URI(location.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("\"" + location + "\" is not a URI: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "file" -> {
        if (uri.getPath() == null || !uri.getPath().startsWith("/") || (uri.getAuthority() != null
            && !uri.getAuthority().isEmpty() && !uri.getAuthority().equals("localhost"))) {
          throw new IllegalArgumentException("\"" + location + "\" must be file:/absolute/path");
        }
        return new FileInventorySource(Path.of(uri.getPath()));
      }
      case "http", "https" -> {
        if (uri.getHost() == null) {
          throw new IllegalArgumentException("\"" + location + "\" has no host");
        }
        return new HttpInventorySource(uri);
      }
      default -> throw new IllegalArgumentException("\"" + location
          + "\" must start with file:/ (a local file) or http:// or https:// (a URL)");
    }
  }
}
