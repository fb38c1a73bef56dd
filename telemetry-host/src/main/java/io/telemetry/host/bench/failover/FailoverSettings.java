package io.telemetry.host.bench.failover;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One failover bench run.
 *
 * @param heartbeat      pekko.cluster.failure-detector.heartbeat-interval
 * @param acceptablePause pekko.cluster.failure-detector.acceptable-heartbeat-pause
 * @param stableAfter    telemetry.cluster.split-brain-resolver.stable-after
 * @param removalMargin  telemetry.cluster.split-brain-resolver.down-removal-margin (null = off, i.e. stable-after)
 * @param settleTimeout  how long the spread may take to settle before an event
 * @param kill           run the kill -9 part
 * @param gracefulLeave  run the graceful-leave part (after the kill: once a node was added back and the spread settled)
 */
public record FailoverSettings(
    int nodes,
    int devices,
    int interfaces,
    Duration interval,
    Duration heartbeat,
    Duration acceptablePause,
    Duration stableAfter,
    Duration removalMargin,
    Duration settleTimeout,
    boolean kill,
    boolean gracefulLeave,
    Path workDir,
    List<String> nodeJvmOptions,
    List<String> simulatorJvmOptions) {

  public FailoverSettings {
    if (nodes < 3) {
      throw new IllegalArgumentException("--nodes must be at least 3 (keep-majority must survive one node lost)");
    }
    if (!kill && !gracefulLeave) {
      throw new IllegalArgumentException("--no-kill and --no-leave together leave nothing to measure");
    }
    if (devices < nodes) {
      throw new IllegalArgumentException("--devices must be at least --nodes");
    }
  }

  /** The removal margin in effect: off means stable-after. */
  public Duration effectiveRemovalMargin() {
    return removalMargin == null ? stableAfter : removalMargin;
  }

  /**
   * The failure detection time of the target: until the survivors may start the dead node's
   * devices. Heartbeat silence noticed (heartbeat interval + acceptable pause), the SBR's wait for
   * stable membership, and sharding's wait after the removal.
   */
  public Duration failureDetection() {
    return heartbeat.plus(acceptablePause).plus(stableAfter).plus(effectiveRemovalMargin());
  }

  /** The target for the kill: 2 poll intervals + failure detection. */
  public Duration failoverBound() {
    return interval.multipliedBy(2).plus(failureDetection());
  }
}
