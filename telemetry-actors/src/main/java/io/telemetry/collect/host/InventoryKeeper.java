package io.telemetry.collect.host;

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

  private final String device;
  private final Optional<InventorySource> source;
  private final Duration refresh;
  private final Duration timeout;
  private final Clock clock;

  private AddressTable<HostInfo> inventory = AddressTable.empty();
  private Instant loadedAt;
  private Instant nextAttempt = Instant.MIN;
  private long loads;
  private long failures;
  private boolean failing;

  InventoryKeeper(String device, Optional<InventorySource> source, Duration refresh, Duration timeout, Clock clock) {
    this.device = Objects.requireNonNull(device, "device");
    this.source = Objects.requireNonNull(source, "source");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The inventory to use now, reloading it first when due (blocking). */
  AddressTable<HostInfo> current() {
    if (source.isPresent() && !clock.instant().isBefore(nextAttempt)) {
      load(source.get());
    }
    return inventory;
  }

  /** Successful loads so far. */
  long loads() {
    return loads;
  }

  /** Failed loads so far. */
  long failures() {
    return failures;
  }

  /** When the inventory in use was loaded; empty before the first successful load. */
  Optional<Instant> loadedAt() {
    return Optional.ofNullable(loadedAt);
  }

  int entries() {
    return inventory.size();
  }

  private void load(InventorySource from) {
    Instant started = clock.instant();
    try {
      AddressTable<HostInfo> fresh = InventoryParser.parse(from.describe(), from.fetch(timeout));
      inventory = fresh;
      loadedAt = clock.instant();
      loads++;
      nextAttempt = started.plus(refresh);
      if (loads == 1 || failing) {
        LOG.info("device {}: inventory {} loaded: {} entries", device, from.describe(), fresh.size());
      }
      failing = false;
    } catch (InventoryException e) {
      failures++;
      failing = true;
      Duration retry = refresh.compareTo(RETRY_AFTER_FAILURE) < 0 ? refresh : RETRY_AFTER_FAILURE;
      nextAttempt = started.plus(retry);
      String kept = loadedAt == null ? "no inventory loaded yet, peers stay unnamed"
          : "keeping the one loaded at " + loadedAt + " (" + inventory.size() + " entries)";
      LOG.warn("device {}: inventory refresh failed ({}), retrying in {}: {}", device, kept, retry, e.getMessage());
    }
  }
}
