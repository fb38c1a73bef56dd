package io.telemetry.inventory.enrich;

import io.telemetry.collect.host.AddressTable;
import io.telemetry.collect.host.HostInfo;
import io.telemetry.collect.host.InventoryParser;
import io.telemetry.collect.host.IpAddress;
import io.telemetry.inventory.source.InventoryException;
import io.telemetry.inventory.source.InventorySource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrichment from external files or URLs, each cached and reloaded every {@code refresh} (default
 * 30 min): CIDR/address to hostgroup and domain (the host-dependencies inventory format and
 * matcher: exact address beats the longest prefix), and ASN to name. A failed reload keeps the
 * last good map, is logged naming the setting and the source (once per failure episode), and
 * counted ({@link #status()}: loads, failures, entries, age and last error of each map).
 *
 * <p>Lookups reload when due and may block: call them on the blocking I/O dispatcher.
 */
public final class ExternalMaps {

  public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(30);
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(ExternalMaps.class);

  /** The map names, as in {@code telemetry.inventory.maps} and the {@code map} label of the node's metrics. */
  public static final String HOSTGROUPS = "hostgroups";
  public static final String ASN_NAMES = "asn-names";

  private static final String SETTING = "telemetry.inventory.maps.";

  /**
   * One map's figures (readable while a reload runs).
   *
   * @param name      {@link #HOSTGROUPS} or {@link #ASN_NAMES}
   * @param source    where it is read from (URL without user info and query)
   * @param entries   entries of the map in use
   * @param loadedAt  when the map in use was loaded; empty before the first success
   * @param lastError why the latest reload failed; empty while the latest reload succeeded
   */
  public record MapStatus(String name, String source, long loads, long failures, int entries,
      Optional<Instant> loadedAt, Optional<String> lastError) {}

  private record Named<T>(String name, String source, ReloadingValue<T> value) {}

  private final Optional<Named<AddressTable<HostInfo>>> hostgroups;
  private final Optional<Named<AsnNames>> asns;

  /**
   * @param hostgroups {@code file:/path} or an {@code http(s)://} URL of the CIDR map, if any
   * @param asnNames   same for the ASN map; a {@code .csv} location is read as CSV
   * @param timeout    bounds each HTTP fetch
   */
  public ExternalMaps(Optional<String> hostgroups, Optional<String> asnNames, Duration refresh, Duration timeout,
      Clock clock) {
    this.hostgroups = hostgroups.map(InventorySource::of).map(source -> new Named<>(HOSTGROUPS, source.describe(),
        new ReloadingValue<>(AddressTable.<HostInfo>empty(),
            () -> InventoryParser.parse(source.describe(), source.fetch(timeout)), refresh, RETRY_AFTER_FAILURE, clock,
            events(HOSTGROUPS, source.describe()))));
    this.asns = asnNames.map(location -> {
      InventorySource source = InventorySource.of(location);
      boolean csv = location.toLowerCase(Locale.ROOT).split("\\?", 2)[0].endsWith(".csv");
      return new Named<>(ASN_NAMES, source.describe(), new ReloadingValue<>(AsnNames.empty(),
          () -> AsnNames.parse(source.describe(), source.fetch(timeout), csv), refresh, RETRY_AFTER_FAILURE, clock,
          events(ASN_NAMES, source.describe())));
    });
  }

  /** The hostgroup and domain of an address ({@code 10.1.2.3}, {@code 2001:db8::5}); empty if unknown or not an address. */
  public Optional<HostInfo> hostgroup(String address) {
    Optional<IpAddress> ip = IpAddress.parse(address);
    if (ip.isEmpty() || hostgroups.isEmpty()) {
      return Optional.empty();
    }
    return hostgroups.get().value().current().lookup(ip.get());
  }

  public Optional<String> asName(long asn) {
    return asns.flatMap(map -> map.value().current().name(asn));
  }

  /** Immutable maps as loaded at one moment, for lookups that must not block (the sample enricher). */
  public record Snapshot(AddressTable<HostInfo> hostgroups, AsnNames asNames) {
    public static final Snapshot EMPTY = new Snapshot(AddressTable.empty(), AsnNames.empty());

    public Optional<HostInfo> hostgroup(String address) {
      return IpAddress.parse(address).flatMap(hostgroups::lookup);
    }

    public Optional<String> asName(long asn) {
      return asNames.name(asn);
    }
  }

  /**
   * Reloads the maps that are due (blocking: call it on the blocking I/O dispatcher, e.g. on a
   * timer) and returns what is in use now; a failed reload keeps the last good map.
   */
  public Snapshot refresh() {
    return new Snapshot(hostgroups.map(map -> map.value().current()).orElse(AddressTable.empty()),
        asns.map(map -> map.value().current()).orElse(AsnNames.empty()));
  }

  /** Failed reloads of both maps so far. */
  public long failures() {
    return status().stream().mapToLong(MapStatus::failures).sum();
  }

  /** Successful loads of both maps so far. */
  public long loads() {
    return status().stream().mapToLong(MapStatus::loads).sum();
  }

  /** The figures of each configured map (none, one or both); never blocks. */
  public List<MapStatus> status() {
    List<MapStatus> status = new ArrayList<>(2);
    hostgroups.ifPresent(map -> status.add(status(map, map.value().peek().size())));
    asns.ifPresent(map -> status.add(status(map, map.value().peek().size())));
    return status;
  }

  private static MapStatus status(Named<?> map, int entries) {
    ReloadingValue<?> value = map.value();
    return new MapStatus(map.name(), map.source(), value.loads(), value.failures(), entries, value.loadedAt(),
        value.lastError());
  }

  /** Logs the first load, each failure episode once (and a changed error), and the recovery. */
  private static <T> ReloadingValue.Events<T> events(String name, String source) {
    return new ReloadingValue.Events<>() {
      // Called by the one reloading thread only.
      private String failingWith;

      @Override
      public void loaded(T value, long loads, boolean recovered) {
        if (loads == 1 || recovered) {
          LOG.info("enrichment map {} ({}) loaded{}", SETTING + name, source, recovered ? " again" : "");
        }
        failingWith = null;
      }

      @Override
      public void failed(InventoryException error, Optional<Instant> loadedAt, Duration retry) {
        if (!error.getMessage().equals(failingWith)) {
          LOG.warn("enrichment map {}: reload failed ({}), retrying every {}: {}", SETTING + name,
              loadedAt.map(at -> "keeping the one loaded at " + at).orElse("none loaded yet"), retry, error.getMessage());
        }
        failingWith = error.getMessage();
      }
    };
  }
}
