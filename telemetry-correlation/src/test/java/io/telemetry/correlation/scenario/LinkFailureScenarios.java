package io.telemetry.correlation.scenario;

import static io.telemetry.correlation.scenario.ExpectedEvent.cleared;
import static io.telemetry.correlation.scenario.ExpectedEvent.raised;
import static io.telemetry.correlation.scenario.Script.at;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** link-failure scripts: interface down and BGP session down within 2m, polled every 30s. */
public final class LinkFailureScenarios {

  static final String RULE = "link-down";
  static final String HOCON = "type = link-failure, within = 2m";
  static final String IFACE = "ge-0/0/1";
  static final String PEER_A = "10.0.0.2";
  static final String PEER_B = "10.0.0.6";

  private LinkFailureScenarios() {}

  public static List<RuleScenario> all() {
    return List.of(interfaceThenTwoSessions(), sessionDownTooLate(), interfaceDownOnly());
  }

  /** ge-0/0/1 down at 30, both sessions down at 60: two events opened at 30; both recover by 150. */
  public static RuleScenario interfaceThenTwoSessions() {
    Script s = new Script();
    int[] ifc = new int[8];
    int[] a = new int[8];
    int[] b = new int[8];
    int[] ifcStatus = {1, 0, 0, 0, 1, 1, 1, 1};
    int[] aStatus = {1, 1, 0, 0, 0, 1, 1, 1};
    int[] bStatus = {1, 1, 0, 0, 1, 1, 1, 1};
    for (int i = 0; i < 8; i++) {
      ifc[i] = iface(s, i * 30, ifcStatus[i]);
      a[i] = peer(s, i * 30, PEER_A, aStatus[i]);
      b[i] = peer(s, i * 30, PEER_B, bStatus[i]);
    }
    String keyA = "r1|" + IFACE + "|" + PEER_A;
    String keyB = "r1|" + IFACE + "|" + PEER_B;
    return new RuleScenario("interface down, then two BGP sessions: one event per pair", RULE, HOCON,
        Duration.ofSeconds(30), s.samples(),
        List.of(raised(keyA, at(30), ifc[1], a[2]), raised(keyB, at(30), ifc[1], b[2]),
            // B is established again at 120 with the interface up: recovered
            cleared(keyB, at(30), at(120), ifc[4], b[4]),
            cleared(keyA, at(30), at(150), ifc[4], a[5])));
  }

  public static RuleScenario sessionDownTooLate() {
    Script s = new Script();
    for (int t = 0; t <= 330; t += 30) {
      iface(s, t, t >= 30 ? 0 : 1);
      peer(s, t, PEER_A, t >= 180 ? 0 : 1); // 150s after the interface: outside 2m
    }
    return new RuleScenario("near miss: session down 150s after the interface", RULE, HOCON, Duration.ofSeconds(30),
        s.samples(), List.of());
  }

  public static RuleScenario interfaceDownOnly() {
    Script s = new Script();
    for (int t = 0; t <= 300; t += 30) {
      iface(s, t, t >= 30 && t < 120 ? 0 : 1);
      peer(s, t, PEER_A, 1);
    }
    return new RuleScenario("near miss: interface down, sessions stay up", RULE, HOCON, Duration.ofSeconds(30),
        s.samples(), List.of());
  }

  static int iface(Script s, double seconds, int status) {
    return s.add("r1", "interface", seconds, Map.of("interface", IFACE),
        Map.of("oper_status", (double) status, "speed_bps", 1e9), Map.of());
  }

  static int peer(Script s, double seconds, String address, int state) {
    return s.add("r1", "bgp_peer", seconds, Map.of("instance", "default", "peer", address, "peer_as", "65001"),
        Map.of("state", (double) state), Map.of());
  }
}
