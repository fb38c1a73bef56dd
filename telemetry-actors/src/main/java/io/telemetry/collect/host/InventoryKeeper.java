package io.telemetry.collect.host;

import io.telemetry.inventory.enrich.ReloadingValue;
import io.telemetry.inventory.source.InventoryException;
import io.telemetry.inventory.source.InventorySource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one collector's inventory and reloads it when due: first at the first poll, then every
 * {@code refresh}. A failed load (unreachable, HTTP error, bad entry) keeps the last known
 * inventory, is logged with the source and the reason, counted, and retried sooner: after
 * {@code refresh} or {@link #RETRY_AFTER_FAILURE}, whichever is shorter. Without a source the
 * inventory is empty. Confined to the device actor's blocking calls, like its collector.
 */
final class InventoryKeeper {

  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(InventoryKeeper.class);

  /** Empty without a source. */
  private final Optional<ReloadingValue<AddressTable<HostInfo>>> inventory;

  InventoryKeeper(String device, Optional<InventorySource> source, Duration refresh, Duration timeout, Clock clock) {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(clock, "clock");
    this.inventory = source.map(from -> new ReloadingValue<>(AddressTable.<HostInfo>empty(),
        () -> InventoryParser.parse(from.describe(), from.fetch(timeout)), refresh, RETRY_AFTER_FAILURE, clock,
        new ReloadingValue.Events<>() {
          @Override
          public void loaded(AddressTable<HostInfo> fresh, long loads, boolean recovered) {
            if (loads == 1 || recovered) {
              LOG.info("device {}: inventory {} loaded: {} entries", device, from.describe(), fresh.size());
            }
          }

          @Override
          public void failed(InventoryException error, Optional<Instant> loadedAt, Duration retry) {
            String kept = loadedAt.map(at -> "keeping the one loaded at " + at + " (" + entries() + " entries)")
                .orElse("no inventory loaded yet, peers stay unnamed");
            LOG.warn("device {}: inventory refresh failed ({}), retrying in {}: {}", device, kept, retry, error.getMessage());
          }
        }));
  }

  /** The inventory to use now, reloading it first when due (blocking). */
  AddressTable<HostInfo> current() {
    return inventory.map(ReloadingValue::current).orElseGet(AddressTable::empty);
  }

  /** Successful loads so far. */
  long loads() {
    return inventory.map(ReloadingValue::loads).orElse(0L);
  }

  /** Failed loads so far. */
  long failures() {
    return inventory.map(ReloadingValue::failures).orElse(0L);
  }

  /** When the inventory in use was loaded; empty before the first successful load. */
  Optional<Instant> loadedAt() {
    return inventory.flatMap(ReloadingValue::loadedAt);
  }

  int entries() {
    return inventory.map(value -> value.peek().size()).orElse(0);
  }
}
