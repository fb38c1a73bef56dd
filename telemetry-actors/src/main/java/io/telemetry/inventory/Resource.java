package io.telemetry.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Something an inventory says exists, before policies turn it into a {@link Target}: its id,
 * where it is, and what is known about it (from the source: site, role, vendor, ...; later also
 * from discovery: model, OS version). Selectors test these attributes.
 *
 * @param port       where it listens, if the source says so (policies and defaults decide otherwise)
 * @param attributes every other field, as text; never {@code id}, {@code host} or {@code port}
 */
public record Resource(String id, String host, OptionalInt port, Map<String, String> attributes) {

  /** Names that are fields of the resource itself, not attributes. */
  public static final Set<String> RESERVED = Set.of("id", "host", "port");

  public Resource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(port, "port");
    attributes = Map.copyOf(attributes);
    for (String name : RESERVED) {
      if (attributes.containsKey(name)) {
        throw new IllegalArgumentException("resource " + id + ": \"" + name + "\" is a field, not an attribute");
      }
    }
  }

  public Resource(String id, String host, Map<String, String> attributes) {
    this(id, host, OptionalInt.empty(), attributes);
  }

  /** {@code id}, {@code host}, {@code port} or an attribute; null when the resource has none. */
  public String attribute(String name) {
    return switch (name) {
      case "id" -> id;
      case "host" -> host;
      case "port" -> port.isPresent() ? Integer.toString(port.getAsInt()) : null;
      default -> attributes.get(name);
    };
  }

  /** This resource with more attributes (e.g. from discovery); the new values win. */
  public Resource withAttributes(Map<String, String> more) {
    Map<String, String> merged = new HashMap<>(attributes);
    merged.putAll(more);
    return new Resource(id, host, port, merged);
  }
}
