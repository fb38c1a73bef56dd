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
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrichment from external files or URLs, each cached and reloaded every {@code refresh} (default
 * 30 min): CIDR/address to hostgroup and domain (the host-dependencies inventory format and
 * matcher: exact address beats the longest prefix), and ASN to name. A failed reload keeps the
 * last good map, is logged naming the source and counted ({@link #failures()}).
 *
 * <p>Lookups reload when due and may block: call them on the blocking I/O dispatcher.
 */
public final class ExternalMaps {

  public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(30);
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(ExternalMaps.class);

  private final Optional<ReloadingValue<AddressTable<HostInfo>>> hostgroups;
  private final Optional<ReloadingValue<AsnNames>> asns;

  /**
   * @param hostgroups {@code file:/path} or an {@code http(s)://} URL of the CIDR map, if any
   * @param asnNames   same for the ASN map; a {@code .csv} location is read as CSV
   * @param timeout    bounds each HTTP fetch
   */
  public ExternalMaps(Optional<String> hostgroups, Optional<String> asnNames, Duration refresh, Duration timeout,
      Clock clock) {
    this.hostgroups = hostgroups.map(InventorySource::of).map(source -> new ReloadingValue<>(AddressTable.<HostInfo>empty(),
        () -> InventoryParser.parse(source.describe(), source.fetch(timeout)), refresh, RETRY_AFTER_FAILURE, clock,
        events(source.describe())));
    this.asns = asnNames.map(location -> {
      InventorySource source = InventorySource.of(location);
      boolean csv = location.toLowerCase(Locale.ROOT).split("\\?", 2)[0].endsWith(".csv");
      return new ReloadingValue<>(AsnNames.empty(), () -> AsnNames.parse(source.describe(), source.fetch(timeout), csv),
          refresh, RETRY_AFTER_FAILURE, clock, events(source.describe()));
    });
  }

  /** The hostgroup and domain of an address ({@code 10.1.2.3}, {@code 2001:db8::5}); empty if unknown or not an address. */
  public Optional<HostInfo> hostgroup(String address) {
    Optional<IpAddress> ip = IpAddress.parse(address);
    if (ip.isEmpty() || hostgroups.isEmpty()) {
      return Optional.empty();
    }
    return hostgroups.get().current().lookup(ip.get());
  }

  public Optional<String> asName(long asn) {
    return asns.flatMap(map -> map.current().name(asn));
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
    return new Snapshot(hostgroups.map(ReloadingValue::current).orElse(AddressTable.empty()),
        asns.map(ReloadingValue::current).orElse(AsnNames.empty()));
  }

  /** Failed reloads of both maps so far. */
  public long failures() {
    return hostgroups.map(ReloadingValue::failures).orElse(0L) + asns.map(ReloadingValue::failures).orElse(0L);
  }

  /** Successful loads of both maps so far. */
  public long loads() {
    return hostgroups.map(ReloadingValue::loads).orElse(0L) + asns.map(ReloadingValue::loads).orElse(0L);
  }

  private static <T> ReloadingValue.Events<T> events(String source) {
    return new ReloadingValue.Events<>() {
      @Override
      public void loaded(T value, long loads, boolean recovered) {
        if (loads == 1 || recovered) {
          LOG.info("enrichment map {} loaded", source);
        }
      }

      @Override
      public void failed(InventoryException error, Optional<Instant> loadedAt, Duration retry) {
        LOG.warn("enrichment map reload failed ({}), retrying in {}: {}",
            loadedAt.map(at -> "keeping the one loaded at " + at).orElse("none loaded yet"), retry, error.getMessage());
      }
    };
  }
}
