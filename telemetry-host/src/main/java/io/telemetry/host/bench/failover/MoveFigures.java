package io.telemetry.host.bench.failover;

import java.util.List;
import java.util.Map;

/**
 * What one membership change (a node killed or stopped) did to the devices, judged from Kafka.
 *
 * @param event                 {@code kill} or {@code leave}
 * @param node                  the node that went away
 * @param atEpochMillis         when it was killed or told to stop
 * @param ownersBefore          devices per node, from each device's last poll before the event
 * @param movedDevices          devices the node polled last before the event
 * @param movedDelivering       moved devices polled again by another node since the event
 * @param failoverMillis        the event to the last moved device's first poll by another node (null if one never came)
 * @param resumeMillisP50       median of the same per moved device
 * @param missedMoved           polls missed per moved device: "0", "1", "2", "more" -> devices
 * @param missedOthers          the same for the devices that stayed where they were
 * @param longestGapMillis      the longest time between two polls of a moved device around the event
 * @param unpolledDevices       devices (of all) with no poll since the event by the end of the observation
 */
public record MoveFigures(
    String event,
    String node,
    long atEpochMillis,
    Map<String, Integer> ownersBefore,
    int movedDevices,
    int movedDelivering,
    Long failoverMillis,
    Long resumeMillisP50,
    Map<String, Integer> missedMoved,
    Map<String, Integer> missedOthers,
    long longestGapMillis,
    List<String> unpolledDevices) {

  /** Moved devices that missed {@code n} polls ({@code n} = 0, 1, 2; 3 = more). */
  public int movedMissing(int n) {
    return missedMoved.getOrDefault(MoveFigureMath.bucket(n), 0);
  }
}
