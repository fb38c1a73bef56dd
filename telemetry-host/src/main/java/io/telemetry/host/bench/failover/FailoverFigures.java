package io.telemetry.host.bench.failover;

import java.util.List;

/**
 * The figures of a failover bench run (schema 1), written as JSON by {@link FailoverReport}.
 *
 * @param kill  what {@code kill -9} of one node did (null when not run)
 * @param leave what a graceful stop of one node did (null when not run or not measured)
 * @param leaveError why the leave part could not be measured (null when it was, or was not run)
 */
public record FailoverFigures(int schema, Run run, Settings settings, MoveFigures kill, MoveFigures leave,
    String leaveError, Verdict verdict) {

  public record Run(String startedAt, String command, int nodes, int devices, int interfaces, long intervalSeconds,
      String topic, int processors, long memoryMib, String cpuModel, String loadAverageBefore,
      String loadAverageAfter, long clusterReadySeconds, long settledSeconds, List<String> nodeJvmOptions,
      List<String> simulatorJvmOptions) {}

  /** Failure detection and SBR settings of the nodes, and the bound they give. */
  public record Settings(long heartbeatIntervalMillis, long acceptableHeartbeatPauseMillis, String sbrStrategy,
      long stableAfterMillis, long downRemovalMarginMillis, long failureDetectionMillis, long failoverBoundMillis) {}

  /**
   * @param killMet  failover time under the bound and no device left unpolled (null when not run)
   * @param leaveMet no moved device missed more than one poll and none left unpolled (null when not run)
   */
  public record Verdict(Boolean killMet, Boolean leaveMet) {
    public boolean passed() {
      return (killMet == null || killMet) && (leaveMet == null || leaveMet);
    }
  }

  public static Verdict judge(MoveFigures kill, MoveFigures leave, long boundMillis) {
    Boolean killMet = kill == null ? null : kill.failoverMillis() != null && kill.failoverMillis() <= boundMillis
        && kill.unpolledDevices().isEmpty();
    Boolean leaveMet = leave == null ? null
        : leave.unpolledDevices().isEmpty() && leave.movedMissing(2) == 0 && leave.movedMissing(3) == 0
            && leave.movedDelivering() == leave.movedDevices();
    return new Verdict(killMet, leaveMet);
  }
}
