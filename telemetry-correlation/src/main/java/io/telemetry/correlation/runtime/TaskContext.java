package io.telemetry.correlation.runtime;

import io.telemetry.correlation.rule.KeyCorrelation;
import java.time.Duration;

/**
 * What every partition task of one rule instance shares (immutable, or thread-safe: the metrics).
 *
 * @param rule            instance name
 * @param correlation     the rule's per-key logic
 * @param changelogTopic  where key states go (task p writes partition p)
 * @param lateness        the lateness bound
 * @param events          builds event records
 * @param metrics         the instance's counts
 * @param settings        the shared settings (restore needs the Kafka ones)
 */
record TaskContext(
    String rule,
    KeyCorrelation<?> correlation,
    String changelogTopic,
    Duration lateness,
    EventRecords events,
    CorrelationMetrics metrics,
    CorrelationSettings settings) {}
