package io.telemetry.correlation.newdependency;

import io.telemetry.correlation.rules.RecordRef;
import java.util.List;

/**
 * What new-dependency keeps per host. Decisions are taken on settled records only (behind the
 * watermark), in event-time order, so that a late record cannot turn a baseline hostgroup into a
 * reported one or the other way round.
 *
 * @param firstNanos the host's first settled record, null before it
 * @param known      hostgroups of the baseline and those already reported, sorted
 * @param pending    per hostgroup not yet known, its earliest unsettled sighting, in event-time order
 */
public record DependencyState(Long firstNanos, List<String> known, List<Sighting> pending) {

  public DependencyState {
    known = known.stream().sorted().distinct().toList();
    pending = List.copyOf(pending);
  }

  static DependencyState initial() {
    return new DependencyState(null, List.of(), List.of());
  }

  /** An upstream connection to {@code hostgroup}; port and process as tagged (null when unknown). */
  public record Sighting(String hostgroup, String port, String process, RecordRef ref) {}
}
