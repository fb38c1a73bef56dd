package io.telemetry.correlation.runtime;

import io.telemetry.correlation.rule.KeyCorrelation;
import java.time.Duration;
import java.util.List;

/**
 * What every partition task of one rule instance shares (immutable, or thread-safe: the metrics).
 *
 * @param rule            instance name
 * @param correlation     the rule's per-key logic
 * @param changelogTopic  where key states go (task p writes partition p)
 * @param inputs          every input topic (an input that has not delivered holds the watermark back)
 * @param lateness        the lateness bound
 * @param inputIdle       how long (event time) a silent or lagging input holds the watermark back
 * @param events          builds event records
 * @param metrics         the instance's counts
 * @param settings        the shared settings (restore needs the Kafka ones)
 */
record TaskContext(
    String rule,
    KeyCorrelation<?> correlation,
    String changelogTopic,
    List<String> inputs,
    Duration lateness,
    Duration inputIdle,
    EventRecords events,
    CorrelationMetrics metrics,
    CorrelationSettings settings) {}
