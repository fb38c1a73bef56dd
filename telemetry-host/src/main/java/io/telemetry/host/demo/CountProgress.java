package io.telemetry.host.demo;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Start-up progress of a count towards a total ({@code simulated fleet: 120/1000 devices
 * listening}): the first step, then at most one line per {@code every}, and always the last, so that
 * a large fleet prints a few lines and a small one no flood. Plain lines, no terminal tricks.
 */
public final class CountProgress implements IntConsumer {

  private final Consumer<String> out;
  private final String format;
  private final int total;
  private final long everyNanos;
  private final LongSupplier clock;
  private long lastPrinted = Long.MIN_VALUE;
  private int lastCount = -1;

  /** @param format a {@link String#format} pattern taking the count and the total, e.g. {@code "%d/%d listening"} */
  public CountProgress(Consumer<String> out, String format, int total, Duration every) {
    this(out, format, total, every, System::nanoTime);
  }

  CountProgress(Consumer<String> out, String format, int total, Duration every, LongSupplier clock) {
    this.out = out;
    this.format = format;
    this.total = total;
    this.everyNanos = every.toNanos();
    this.clock = clock;
  }

  @Override
  public void accept(int count) {
    if (count == lastCount) {
      return;
    }
    long now = clock.getAsLong();
    if (count >= total || lastPrinted == Long.MIN_VALUE || now - lastPrinted >= everyNanos) {
      out.accept(String.format(format, count, total));
      lastPrinted = now;
      lastCount = count;
    }
  }
}
