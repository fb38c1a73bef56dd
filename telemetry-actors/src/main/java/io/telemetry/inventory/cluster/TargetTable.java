package io.telemetry.inventory.cluster;

import io.telemetry.device.CborSerializable;
import io.telemetry.inventory.Resource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The cluster's target list, as the {@link InventoryCoordinator} published it: every target with
 * the shard it runs in. Immutable and versioned (each publication is one higher). Replicated to
 * every node through Distributed Data ({@link InventoryKeys#TABLE}).
 *
 * <p>It holds what the targets were built from, never secrets: an inventory target is its resource
 * (id, host, port, attributes after discovery), which every node turns into the same target with
 * its own policies and credentials ({@code telemetry.inventory.policies}); a {@code telemetry.targets}
 * entry is named by id (origin {@link #CONFIG}) and built from the node's own config.
 *
 * @param rejected   resources the policies could not poll or did not select, with the reason (for
 *                   run-time additions, whose requester wants to know)
 * @param inventory  how the last inventory refresh went: empty when it succeeded, else its error
 */
public record TargetTable(long version, List<Entry> entries, Map<String, String> rejected, String inventory)
    implements CborSerializable {

  /** From {@code telemetry.targets}. */
  public static final String CONFIG = "config";
  /** From {@code telemetry.inventory.sources}. */
  public static final String INVENTORY = "inventory";
  /** Added at run time ({@code telemetry targets add}, PUT /telemetry/targets/{id}). */
  public static final String RUNTIME = "runtime";

  public static final TargetTable EMPTY = new TargetTable(0, List.of(), Map.of(), "");

  /**
   * @param port       the resource's port, or null when it names none
   * @param attributes the resource's attributes (for a config target: its labels)
   */
  public record Entry(String id, String origin, String host, Integer port, Map<String, String> attributes,
      String shard, int weight) implements CborSerializable {

    public Entry {
      attributes = sorted(attributes);
    }

    public Resource resource() {
      return new Resource(id, host, port == null ? OptionalInt.empty() : OptionalInt.of(port), attributes);
    }

    static Entry of(Resource resource, String origin, String shard, int weight) {
      return new Entry(resource.id(), origin, resource.host(),
          resource.port().isPresent() ? resource.port().getAsInt() : null, resource.attributes(), shard, weight);
    }

    Entry withShard(String newShard) {
      return new Entry(id, origin, host, port, attributes, newShard, weight);
    }
  }

  public TargetTable {
    entries = entries == null ? List.of() : List.copyOf(entries);
    rejected = sorted(rejected);
    inventory = inventory == null ? "" : inventory;
  }

  /**
   * Immutable and in key order: Distributed Data compares replicas by a digest of their serialized
   * bytes, so every node must serialize the same table alike. {@code Map.copyOf}'s order differs
   * from JVM to JVM, which made the table's replicas look different for ever and gossiped it whole
   * every gossip interval.
   */
  static Map<String, String> sorted(Map<String, String> map) {
    return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }

  public Optional<Entry> find(String id) {
    return entries.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** Target id to shard id. */
  public Map<String, String> shards() {
    Map<String, String> shards = new LinkedHashMap<>();
    entries.forEach(e -> shards.put(e.id(), e.shard()));
    return shards;
  }

  /** Same targets, shards and rejections (the version and the refresh status aside). */
  boolean sameTargets(TargetTable other) {
    return entries.equals(other.entries) && rejected.equals(other.rejected);
  }
}
