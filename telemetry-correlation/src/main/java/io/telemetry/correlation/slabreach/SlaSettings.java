package io.telemetry.correlation.slabreach;

import io.telemetry.correlation.rules.RuleSettings;

/**
 * One sla-breach instance's thresholds.
 *
 * @param lossPercent  a sample breaches when its loss_percent is above this ...
 * @param latencyMs    ... or its latency_ms above this
 * @param samples      consecutive breaching samples that raise
 * @param clearSamples consecutive good samples that clear
 */
public record SlaSettings(double lossPercent, double latencyMs, int samples, int clearSamples) {

  static SlaSettings read(RuleSettings settings) {
    int samples = settings.positiveInt("samples");
    boolean clearSet = settings.has("clear-samples");
    return new SlaSettings(settings.nonNegative("loss-percent"), settings.nonNegative("latency-ms"), samples,
        clearSet ? settings.positiveInt("clear-samples") : samples);
  }

  boolean breaches(Double loss, Double latency) {
    return (loss != null && loss > lossPercent) || (latency != null && latency > latencyMs);
  }
}
