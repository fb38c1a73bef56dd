package io.telemetry.host.bench.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The failover figures as text lines and as JSON. */
public final class FailoverReport {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FailoverReport() {}

  public static void writeJson(FailoverFigures figures, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JSON.writeValue(file.toFile(), figures);
  }

  public static List<String> text(FailoverFigures f) {
    List<String> out = new ArrayList<>();
    FailoverFigures.Run r = f.run();
    FailoverFigures.Settings s = f.settings();
    out.add(String.format("cluster failover: %d nodes, %d devices x %d interfaces every %d s (topic %s)",
        r.nodes(), r.devices(), r.interfaces(), r.intervalSeconds(), r.topic()));
    out.add(String.format("machine: %d processors, %d MiB, %s; load average before %s, after %s",
        r.processors(), r.memoryMib(), r.cpuModel(), r.loadAverageBefore(), r.loadAverageAfter()));
    out.add(String.format("failure detection: heartbeat %d ms + acceptable pause %d ms + SBR (%s) stable-after %d ms"
        + " + down-removal-margin %d ms = %d ms; bound 2 x interval + that = %d ms",
        s.heartbeatIntervalMillis(), s.acceptableHeartbeatPauseMillis(), s.sbrStrategy(), s.stableAfterMillis(),
        s.downRemovalMarginMillis(), s.failureDetectionMillis(), s.failoverBoundMillis()));
    out.add(String.format("cluster ready after %d s, spread settled after %d s", r.clusterReadySeconds(),
        r.settledSeconds()));
    if (f.kill() != null) {
      out.add("");
      out.addAll(move(f.kill()));
    }
    if (f.leave() != null) {
      out.add("");
      out.addAll(move(f.leave()));
    }
    if (f.leaveError() != null) {
      out.add("");
      out.add("leave: not measured: " + f.leaveError());
    }
    out.add("");
    if (f.verdict().killMet() != null) {
      out.add("target (kill): failover under " + s.failoverBoundMillis() + " ms and 0 devices unpolled: "
          + (f.verdict().killMet() ? "MET" : "MISSED"));
    }
    if (f.verdict().leaveMet() != null) {
      out.add("target (leave): no moved device misses more than one poll, 0 unpolled: "
          + (f.verdict().leaveMet() ? "MET" : "MISSED"));
    }
    return out;
  }

  static List<String> move(MoveFigures m) {
    List<String> out = new ArrayList<>();
    out.add(String.format("%s %s: devices per node before %s; %d devices moved, %d polled again by another node",
        m.event(), m.node(), m.ownersBefore(), m.movedDevices(), m.movedDelivering()));
    out.add(String.format("  %s to the last moved device delivering again: %s; median %s; longest gap between polls %d ms",
        m.event(), m.failoverMillis() == null ? "never (some did not resume)" : m.failoverMillis() + " ms",
        m.resumeMillisP50() == null ? "-" : m.resumeMillisP50() + " ms", m.longestGapMillis()));
    out.add("  polls missed per moved device (0/1/2/more): " + histogram(m.missedMoved()));
    out.add("  polls missed per other device (0/1/2/more): " + histogram(m.missedOthers()));
    out.add("  devices left unpolled: " + m.unpolledDevices().size()
        + (m.unpolledDevices().isEmpty() ? "" : " " + m.unpolledDevices().subList(0,
            Math.min(10, m.unpolledDevices().size()))));
    return out;
  }

  private static String histogram(java.util.Map<String, Integer> h) {
    return h.get("0") + " / " + h.get("1") + " / " + h.get("2") + " / " + h.get("more");
  }
}
