package io.telemetry.collect.host;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Maps addresses to values: an exact address wins, else the longest matching prefix (CIDR) of the
 * address's family. IPv4 and IPv6 entries never match each other (an IPv4-mapped IPv6 address is
 * IPv4, see {@link IpAddress}).
 *
 * <p>A lookup costs one hash lookup per distinct prefix length present (at most 33 or 129), not
 * one comparison per entry, so large inventories stay cheap per connection. Immutable once built.
 *
 * <p>Hand-written on purpose: it is a few lines over {@link IpAddress#masked}, and the libraries
 * that offer CIDR matching either cover IPv4 only (commons-net SubnetUtils) or are large general
 * address toolkits; neither gives "exact beats longest prefix" as one lookup.
 */
public final class AddressTable<T> {

  private final Map<IpAddress, T> exact;
  /** Prefix length (longest first) to the masked networks of that length, per family. */
  private final TreeMap<Integer, Map<IpAddress, T>> v4Prefixes;
  private final TreeMap<Integer, Map<IpAddress, T>> v6Prefixes;

  private AddressTable(Builder<T> builder) {
    this.exact = Map.copyOf(builder.exact);
    this.v4Prefixes = copy(builder.v4Prefixes);
    this.v6Prefixes = copy(builder.v6Prefixes);
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  public static <T> AddressTable<T> empty() {
    return new Builder<T>().build();
  }

  public Optional<T> lookup(IpAddress address) {
    T hit = exact.get(address);
    if (hit != null) {
      return Optional.of(hit);
    }
    for (Map.Entry<Integer, Map<IpAddress, T>> length : (address.isV4() ? v4Prefixes : v6Prefixes).entrySet()) {
      hit = length.getValue().get(address.masked(length.getKey()));
      if (hit != null) {
        return Optional.of(hit);
      }
    }
    return Optional.empty();
  }

  /** Number of exact entries plus prefixes. */
  public int size() {
    int size = exact.size();
    for (Map<IpAddress, T> networks : v4Prefixes.values()) {
      size += networks.size();
    }
    for (Map<IpAddress, T> networks : v6Prefixes.values()) {
      size += networks.size();
    }
    return size;
  }

  private static <T> TreeMap<Integer, Map<IpAddress, T>> copy(TreeMap<Integer, Map<IpAddress, T>> byLength) {
    TreeMap<Integer, Map<IpAddress, T>> copy = new TreeMap<>(Comparator.reverseOrder());
    byLength.forEach((length, networks) -> copy.put(length, Map.copyOf(networks)));
    return copy;
  }

  /** Collects entries; a later entry for the same address or network replaces the earlier one. */
  public static final class Builder<T> {
    private final Map<IpAddress, T> exact = new HashMap<>();
    private final TreeMap<Integer, Map<IpAddress, T>> v4Prefixes = new TreeMap<>();
    private final TreeMap<Integer, Map<IpAddress, T>> v6Prefixes = new TreeMap<>();

    private Builder() {}

    public Builder<T> exact(IpAddress address, T value) {
      exact.put(address, value);
      return this;
    }

    /** A network: bits after {@code prefixLength} are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}). */
    public Builder<T> prefix(IpAddress network, int prefixLength, T value) {
      IpAddress masked = network.masked(prefixLength);
      (network.isV4() ? v4Prefixes : v6Prefixes).computeIfAbsent(prefixLength, l -> new HashMap<>()).put(masked, value);
      return this;
    }

    public AddressTable<T> build() {
      return new AddressTable<>(this);
    }
  }
}
