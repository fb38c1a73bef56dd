package io.telemetry.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; fails naming what it waited for. */
public final class Await {

  private Await() {}

  public static void until(String what, Duration within, BooleanSupplier condition) {
    until(what, within, condition, () -> "");
  }

  public static void until(String what, Duration within, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + within + " waiting for " + what + " " + state.get());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
