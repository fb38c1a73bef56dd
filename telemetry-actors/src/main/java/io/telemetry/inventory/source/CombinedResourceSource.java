package io.telemetry.inventory.source;

import io.telemetry.inventory.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Several sources as one inventory. If any source fails, the whole load fails (and the caller keeps
 * the last good inventory): otherwise one unreachable CMDB would look like all its devices being
 * removed. An id listed by two sources is an error naming both.
 */
public record CombinedResourceSource(List<ResourceSource> sources) implements ResourceSource {

  public CombinedResourceSource {
    sources = List.copyOf(sources);
  }

  @Override
  public String describe() {
    return sources.stream().map(ResourceSource::describe).collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public List<Resource> load() throws InventoryException {
    List<Resource> all = new ArrayList<>();
    Map<String, String> sourceById = new HashMap<>();
    for (ResourceSource source : sources) {
      for (Resource resource : source.load()) {
        String earlier = sourceById.putIfAbsent(resource.id(), source.describe());
        if (earlier != null) {
          throw new InventoryException(source.describe() + ": id \"" + resource.id() + "\" is also listed by " + earlier);
        }
        all.add(resource);
      }
    }
    return all;
  }
}
