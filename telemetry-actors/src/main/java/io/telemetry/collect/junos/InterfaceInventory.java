package io.telemetry.collect.junos;

import io.telemetry.collect.junos.LldpNeighborsParser.Neighbor;
import io.telemetry.sample.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the collector knows about a device's interfaces from its slow-cadence requests
 * (descriptions and LLDP neighbors), attached to every {@code interface} sample as tags:
 * {@code description}, {@code lldp_neighbor} and {@code lldp_neighbor_port}. Immutable.
 */
record InterfaceInventory(Map<String, String> descriptions, Map<String, List<Neighbor>> lldp) {

  static final InterfaceInventory EMPTY = new InterfaceInventory(Map.of(), Map.of());

  InterfaceInventory {
    descriptions = Map.copyOf(descriptions);
    lldp = Map.copyOf(lldp);
  }

  InterfaceInventory withDescriptions(Map<String, String> fresh) {
    return new InterfaceInventory(fresh, lldp);
  }

  InterfaceInventory withLldp(Map<String, List<Neighbor>> fresh) {
    return new InterfaceInventory(descriptions, fresh);
  }

  /** The sample with the inventory tags of its interface added (unchanged when there are none). */
  Sample tag(Sample sample) {
    String name = sample.tags().get("interface");
    if (name == null) {
      return sample;
    }
    Map<String, String> tags = new LinkedHashMap<>(sample.tags());
    String description = descriptions.get(name);
    if (description != null) {
      tags.put("description", description);
    }
    List<Neighbor> neighbors = neighborsOf(name);
    if (!neighbors.isEmpty()) {
      tags.put("lldp_neighbor", neighbors.stream().map(Neighbor::system).collect(Collectors.joining(",")));
      tags.put("lldp_neighbor_port", neighbors.stream().map(Neighbor::port).collect(Collectors.joining(",")));
    }
    if (tags.size() == sample.tags().size()) {
      return sample;
    }
    return new Sample(sample.device(), sample.family(), sample.time(), tags, sample.counters(), sample.gauges(),
        sample.rates(), sample.counterBits(), sample.discontinuity());
  }

  /**
   * The interface's own neighbors; for a physical interface without any, those of its units (older
   * EX releases run LLDP on {@code ge-0/0/0.0} and report that as the local interface). Sorted,
   * so that the tags do not change with the order of the reply.
   */
  private List<Neighbor> neighborsOf(String name) {
    List<Neighbor> found = new ArrayList<>(lldp.getOrDefault(name, List.of()));
    if (found.isEmpty() && name.indexOf('.') < 0) {
      lldp.forEach((local, list) -> {
        if (local.startsWith(name + ".")) {
          found.addAll(list);
        }
      });
    }
    found.sort(Comparator.comparing(Neighbor::system).thenComparing(Neighbor::port));
    return found;
  }
}
