package io.telemetry.collect.host;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link DependencyMap} into samples of the families {@code dependency} and
 * {@code listening_service} (see the package README and docs/schema/measurements.md). Tags a
 * source does not know (process, hostgroup, domain) are absent, never empty.
 */
final class DependencySamples {

  static final String DEPENDENCY = "dependency";
  static final String LISTENING_SERVICE = "listening_service";
  static final String PROTOCOL = "tcp";

  private DependencySamples() {}

  static List<Sample> of(String device, Instant time, DependencyMap map) {
    List<Sample> samples = new ArrayList<>(map.listening().size() + map.connections().size());
    for (DependencyMap.ListeningService service : map.listening()) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("protocol", PROTOCOL);
      tags.put("address", service.address().toString());
      tags.put("port", Integer.toString(service.port()));
      putIfKnown(tags, "process", service.process());
      samples.add(gauge(device, LISTENING_SERVICE, time, tags, "listening", 1));
    }
    map.connections().forEach((dependency, count) -> {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("direction", dependency.direction().tag());
      tags.put("protocol", PROTOCOL);
      tags.put("port", Integer.toString(dependency.port()));
      putIfKnown(tags, "process", dependency.process());
      putIfKnown(tags, "remote_address", dependency.peer().address());
      putIfKnown(tags, "remote_hostgroup", dependency.peer().hostgroup());
      putIfKnown(tags, "remote_domain", dependency.peer().domain());
      samples.add(gauge(device, DEPENDENCY, time, tags, "connections", count));
    });
    return samples;
  }

  private static void putIfKnown(Map<String, String> tags, String key, String value) {
    if (!value.isEmpty()) {
      tags.put(key, value);
    }
  }

  private static Sample gauge(String device, String family, Instant time, Map<String, String> tags, String field,
      double value) {
    return new Sample(device, family, time, tags, Map.of(), Map.of(field, value), Map.of(), 64, "");
  }
}
