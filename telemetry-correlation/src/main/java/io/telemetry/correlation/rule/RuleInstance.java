package io.telemetry.correlation.rule;

import io.telemetry.sink.kafka.SampleRecord;
import java.util.List;
import java.util.Optional;

/**
 * One configured rule (a HOCON block under {@code telemetry.correlation.rules}): its inputs, how
 * records map to keys, and the per-key logic.
 */
public interface RuleInstance {

  /** The instance name: the HOCON key. It names the event topic, the consumer group and the changelog. */
  String name();

  /** The rule type, e.g. {@code interface-flap}. */
  String type();

  /**
   * The measurement families read, e.g. {@code [interface, bgp_peer]}. The runtime turns them into
   * topics with the metric topic pattern unless the instance sets {@code topics}. Several inputs
   * must be co-partitioned (same partition count, keyed by device), as the telemetry sink does.
   */
  List<String> families();

  /**
   * The correlation key of a record, or empty when the rule has no use for it (another family's
   * record of no interest, a logical interface, a sample without the gauge the rule reads).
   * All records that must meet in one state must map to one key; keys start with the device id.
   */
  Optional<String> keyOf(SampleRecord sample);

  /** The per-key logic. */
  KeyCorrelation<?> correlation();
}
