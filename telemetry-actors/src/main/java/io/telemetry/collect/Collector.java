package io.telemetry.collect;

import java.time.Instant;

/**
 * Turns one device's session into samples. One instance per device and collector; the device
 * actor owns it and calls it from the blocking-I/O dispatcher only, never concurrently.
 *
 * <p>Lifecycle: {@link #open} once per session (after a failure the actor closes it and opens a
 * fresh one after a backoff), then {@link #poll} repeatedly, then {@link #close}.
 */
public interface Collector extends AutoCloseable {

  /** Opens the session (e.g. SSH + NETCONF hello). Blocking. */
  void open() throws CollectException;

  /**
   * Polls once. Blocking. Throws {@link CollectException} naming the device and the request on a
   * failure; {@link CollectException#sessionBroken()} tells the actor to reconnect.
   */
  PollResult poll(Instant pollStart) throws CollectException;

  /** Closes the session; never throws. */
  @Override
  void close();
}
