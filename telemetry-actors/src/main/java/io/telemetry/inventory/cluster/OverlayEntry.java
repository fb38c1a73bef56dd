package io.telemetry.inventory.cluster;

import io.telemetry.device.CborSerializable;
import io.telemetry.inventory.Resource;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One run-time change of the inventory, kept by id in Distributed Data ({@link InventoryKeys#OVERLAY})
 * so that it outlives a move of the coordinator: a resource added (or replacing the sources' entry
 * of the same id), or, with {@code removed}, a target taken out whatever lists it.
 */
public record OverlayEntry(String host, Integer port, Map<String, String> attributes, boolean removed)
    implements CborSerializable {

  public OverlayEntry {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public static OverlayEntry added(Resource resource) {
    return new OverlayEntry(resource.host(), resource.port().isPresent() ? resource.port().getAsInt() : null,
        resource.attributes(), false);
  }

  public static OverlayEntry removal() {
    return new OverlayEntry("", null, Map.of(), true);
  }

  public Resource resource(String id) {
    return new Resource(id, host, port == null ? OptionalInt.empty() : OptionalInt.of(port), attributes);
  }
}
