package io.telemetry.collect.meraki;

/** Monotonic time and sleeping, so that tests can run the rate limiter on a fake clock. */
public interface Ticker {

  long nanoTime();

  void sleepNanos(long nanos) throws InterruptedException;

  /** The JVM's monotonic clock and {@link Thread#sleep}. */
  Ticker SYSTEM = new Ticker() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
      if (nanos > 0) {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
      }
    }
  };
}
