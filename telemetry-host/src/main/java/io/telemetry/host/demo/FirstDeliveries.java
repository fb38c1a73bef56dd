package io.telemetry.host.demo;

import io.telemetry.pipeline.PipelineMetrics;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The last start-up step of a stack: waiting until every device delivered its first samples to
 * Kafka, one line whenever the count moves ({@code waiting for the first deliveries: devices up
 * 12/30}), so that an operator sees the sessions come up rather than silence.
 */
public final class FirstDeliveries {

  private final PipelineMetrics metrics;
  private final int deviceCount;
  private final Consumer<String> out;

  public FirstDeliveries(PipelineMetrics metrics, int deviceCount, Consumer<String> out) {
    this.metrics = metrics;
    this.deviceCount = deviceCount;
    this.out = out;
  }

  /** Devices that delivered at least one sample so far. */
  public int up() {
    return (int) metrics.byDevice().values().stream().filter(c -> c.deliveredSamples() > 0).count();
  }

  /**
   * Returns once every device delivered, {@code stop} was counted down, {@code within} passed (saying
   * so) or {@code System.nanoTime()} reached {@code deadlineNanos}.
   *
   * @return whether every device delivered
   */
  public boolean await(CountDownLatch stop, Duration within, long deadlineNanos) throws InterruptedException {
    long started = System.nanoTime();
    long giveUp = Math.min(deadlineNanos, started + within.toNanos());
    int shown = -1;
    while (true) {
      int up = up();
      if (up != shown) {
        out.accept("  waiting for the first deliveries: devices up " + up + "/" + deviceCount);
        shown = up;
      }
      if (up >= deviceCount) {
        return true;
      }
      if (System.nanoTime() >= giveUp) {
        if (System.nanoTime() < deadlineNanos) {
          out.accept("  " + up + "/" + deviceCount + " devices delivered within " + within.toSeconds()
              + "s; carrying on (the progress lines count them, the log says why the others do not)");
        }
        return false;
      }
      if (stop.await(250, TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
  }
}
