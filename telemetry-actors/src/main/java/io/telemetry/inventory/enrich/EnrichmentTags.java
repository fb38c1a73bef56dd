package io.telemetry.inventory.enrich;

import io.telemetry.collect.host.HostInfo;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tags enrichment adds to samples, computed from slowly changing context. Immutable and pure:
 * {@link #enrich} only reads maps prepared in advance.
 *
 * <ul>
 *   <li>every sample: its target's inventory labels ({@code site}, {@code role}, {@code owner}, ...:
 *       {@link Target#labels()}, which policies choose);
 *   <li>{@code bgp_peer} and {@code bgp_peer_rib}: {@code peer_hostgroup} (the hostgroup of the
 *       {@code peer} address in the CIDR map) and {@code peer_as_name} (the name of {@code peer_as}
 *       in the ASN map).
 * </ul>
 *
 * A tag the collector set is never replaced: the collector's tags are the series identity.
 */
public final class EnrichmentTags {

  public static final EnrichmentTags NONE = new EnrichmentTags(Map.of(), ExternalMaps.Snapshot.EMPTY);
  static final Set<String> BGP_FAMILIES = Set.of("bgp_peer", "bgp_peer_rib");

  private final Map<String, Map<String, String>> labelsByDevice;
  private final ExternalMaps.Snapshot maps;

  private EnrichmentTags(Map<String, Map<String, String>> labelsByDevice, ExternalMaps.Snapshot maps) {
    this.labelsByDevice = labelsByDevice;
    this.maps = Objects.requireNonNull(maps, "maps");
  }

  /** Tags for these targets (their labels, prepared per target id) and maps. */
  public static EnrichmentTags of(Collection<Target> targets, ExternalMaps.Snapshot maps) {
    Map<String, Map<String, String>> labels = new HashMap<>();
    for (Target target : targets) {
      if (!target.labels().isEmpty()) {
        labels.put(target.id(), target.labels());
      }
    }
    return new EnrichmentTags(Map.copyOf(labels), maps);
  }

  public EnrichmentTags withTargets(Collection<Target> targets) {
    return of(targets, maps);
  }

  public EnrichmentTags withMaps(ExternalMaps.Snapshot fresh) {
    return new EnrichmentTags(labelsByDevice, fresh);
  }

  /** The sample with its enrichment tags; the same instance when there are none. */
  public Sample enrich(Sample sample) {
    Map<String, String> labels = labelsByDevice.getOrDefault(sample.device(), Map.of());
    Map<String, String> extra = BGP_FAMILIES.contains(sample.family()) ? peerTags(sample.tags()) : Map.of();
    if (labels.isEmpty() && extra.isEmpty()) {
      return sample;
    }
    Map<String, String> tags = new HashMap<>(labels);
    tags.putAll(extra);
    tags.putAll(sample.tags()); // the collector's tags win
    if (tags.size() == sample.tags().size()) {
      return sample;
    }
    return new Sample(sample.device(), sample.family(), sample.time(), tags, sample.counters(), sample.gauges(),
        sample.rates(), sample.counterBits(), sample.discontinuity());
  }

  private Map<String, String> peerTags(Map<String, String> tags) {
    Map<String, String> found = new HashMap<>(2);
    String peer = tags.get("peer");
    if (peer != null) {
      maps.hostgroup(peer).map(HostInfo::hostgroup).filter(h -> !h.isEmpty())
          .ifPresent(h -> found.put("peer_hostgroup", h));
    }
    asn(tags.get("peer_as")).flatMap(maps::asName).ifPresent(name -> found.put("peer_as_name", name));
    return found;
  }

  private static Optional<Long> asn(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
