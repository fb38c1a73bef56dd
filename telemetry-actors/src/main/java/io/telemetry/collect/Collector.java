package io.telemetry.collect;

import java.time.Instant;

/**
 * Turns one device's session into samples. One instance per device and configured collector; the
 * device actor owns it and calls it from the blocking-I/O dispatcher only, never concurrently
 * with any other collector of the same device.
 *
 * <p>Lifecycle: {@link #open} (after a failure the actor closes it and opens it again after a
 * backoff), then {@link #poll} repeatedly, then {@link #close}.
 */
public interface Collector extends AutoCloseable {

  /** Opens what this collector needs (e.g. a NETCONF channel on the device's SSH session). Blocking. */
  void open(DeviceSession session) throws CollectException;

  /**
   * Polls once. Blocking. Throws {@link CollectException} naming the device and the request on a
   * failure; {@link CollectException#sessionBroken()} tells the actor to reopen this collector.
   */
  PollResult poll(Instant pollStart) throws CollectException;

  /** Closes what {@link #open} opened (never the shared SSH session); never throws. */
  @Override
  void close();
}
