package io.telemetry.correlation.runtime;

import org.slf4j.Logger;

/** Logs a rule instance's counts at INFO when they changed since the last line. */
final class MetricsLogLine implements Runnable {

  private final CorrelationMetrics metrics;
  private final Logger log;
  private CorrelationMetrics.Snapshot last;

  MetricsLogLine(CorrelationMetrics metrics, Logger log) {
    this.metrics = metrics;
    this.log = log;
  }

  @Override
  public synchronized void run() {
    CorrelationMetrics.Snapshot now = metrics.snapshot();
    if (!now.equals(last)) {
      log.info(now.line());
      last = now;
    }
  }
}
