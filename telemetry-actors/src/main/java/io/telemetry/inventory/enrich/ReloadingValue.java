package io.telemetry.inventory.enrich;

import io.telemetry.inventory.source.InventoryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A slowly changing value (an enrichment map, an inventory) that is reloaded when due: at the first
 * use, then every {@code refresh}. A failed reload keeps the last good value (or the initial one,
 * before the first success), is counted and reported to {@link Events}, and is retried sooner:
 * after {@code refresh} or {@code retryAfterFailure}, whichever is shorter.
 *
 * <p>{@link #current()} may block (it loads in the caller's thread): use it from the blocking I/O
 * dispatcher or from a collector's poll, and from one thread at a time. The figures
 * ({@link #loads()}, {@link #failures()}, {@link #loadedAt()}, {@link #lastError()}) may be read
 * from any thread.
 */
public final class ReloadingValue<T> {

  /** Loads a fresh value; throws naming the source (and line) on failure. */
  @FunctionalInterface
  public interface Loader<T> {
    T load() throws InventoryException;
  }

  /** What the owner logs; both default to nothing. */
  public interface Events<T> {
    /** @param recovered whether earlier loads had failed */
    default void loaded(T value, long loads, boolean recovered) {}

    /** @param loadedAt when the value still in use was loaded; empty if none was yet */
    default void failed(InventoryException error, Optional<Instant> loadedAt, Duration retryIn) {}
  }

  private final Loader<T> loader;
  private final Duration refresh;
  private final Duration retryAfterFailure;
  private final Clock clock;
  private final Events<T> events;

  // Written by the one thread that reloads; the figures are volatile so that others (a metrics
  // scrape) may read them while a reload runs.
  private volatile T value;
  private volatile Instant loadedAt;
  private Instant nextAttempt = Instant.MIN;
  private volatile long loads;
  private volatile long failures;
  private volatile Optional<String> lastError = Optional.empty();

  public ReloadingValue(T initial, Loader<T> loader, Duration refresh, Duration retryAfterFailure, Clock clock,
      Events<T> events) {
    this.value = Objects.requireNonNull(initial, "initial");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.retryAfterFailure = Objects.requireNonNull(retryAfterFailure, "retryAfterFailure");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.events = Objects.requireNonNull(events, "events");
  }

  /** The value to use now, reloading it first when due (blocking). */
  public T current() {
    if (!clock.instant().isBefore(nextAttempt)) {
      reload();
    }
    return value;
  }

  /** The value in use, without reloading. */
  public T peek() {
    return value;
  }

  /** Successful loads so far. */
  public long loads() {
    return loads;
  }

  /** Failed loads so far. */
  public long failures() {
    return failures;
  }

  /** Why the latest load failed; empty while the latest load succeeded (or none ran yet). */
  public Optional<String> lastError() {
    return lastError;
  }

  /** When the value in use was loaded; empty before the first successful load. */
  public Optional<Instant> loadedAt() {
    return Optional.ofNullable(loadedAt);
  }

  private void reload() {
    Instant started = clock.instant();
    try {
      T fresh = loader.load();
      value = Objects.requireNonNull(fresh, "loaded value");
      loadedAt = clock.instant();
      loads++;
      nextAttempt = started.plus(refresh);
      boolean recovered = lastError.isPresent();
      lastError = Optional.empty();
      events.loaded(fresh, loads, recovered);
    } catch (InventoryException e) {
      failures++;
      lastError = Optional.of(e.getMessage());
      Duration retry = refresh.compareTo(retryAfterFailure) < 0 ? refresh : retryAfterFailure;
      nextAttempt = started.plus(retry);
      events.failed(e, loadedAt(), retry);
    }
  }
}
