package io.telemetry.inventory.source;

import io.telemetry.inventory.Resource;
import java.util.List;

/** A list fixed when the configuration loads, e.g. {@code type = static} in HOCON. */
public record FixedResourceSource(String describe, List<Resource> resources) implements ResourceSource {

  public FixedResourceSource {
    resources = List.copyOf(resources);
  }

  @Override
  public List<Resource> load() {
    return resources;
  }
}
