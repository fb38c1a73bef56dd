package io.telemetry.host.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStatusTableTest {

  private static ClusterStatus.Member member(String host, String id, List<String> roles, String status,
      boolean reachable, Integer shards, Integer devices, List<String> failed) {
    return new ClusterStatus.Member("pekko://telemetry@" + host + ":25520", id, roles, status, reachable, shards,
        devices, failed);
  }

  @Test
  void rendersOneLinePerMemberWithTotals() {
    ClusterStatus status = new ClusterStatus("pekko://telemetry@10.0.0.1:25520", "pekko://telemetry@10.0.0.1:25520",
        "device", null, List.of(
            member("10.0.0.1", "node-1", List.of("collector", "correlator"), "Up", true, 34, 333, List.of()),
            member("10.0.0.2", "node-2", List.of("collector"), "Up", false, 33, 334, List.of("17")),
            member("10.0.0.3", null, List.of(), "Joining", true, null, null, List.of())));
    String expected = """
        cluster seen by pekko://telemetry@10.0.0.1:25520, leader pekko://telemetry@10.0.0.1:25520
        NODE    ADDRESS                           ROLES                 STATUS   REACHABLE  SHARDS  DEVICES
        node-1  pekko://telemetry@10.0.0.1:25520  collector,correlator  Up       yes            34      333
        node-2  pekko://telemetry@10.0.0.2:25520  collector             Up       NO             33      334
        -       pekko://telemetry@10.0.0.3:25520  -                     Joining  yes             -        -
        TOTAL   3 members                                                                       67      667
        shards on node-2 that did not answer: 17
        """;
    assertEquals(expected, ClusterStatusTable.render(status));
  }

  @Test
  void saysWhyCountsAreUnknown() {
    ClusterStatus status = new ClusterStatus("pekko://telemetry@10.0.0.1:25520", null, "device", "timed out",
        List.of(member("10.0.0.1", "node-1", List.of("collector"), "Up", true, null, null, List.of())));
    String expected = """
        cluster seen by pekko://telemetry@10.0.0.1:25520, leader none
        NODE    ADDRESS                           ROLES      STATUS  REACHABLE  SHARDS  DEVICES
        node-1  pekko://telemetry@10.0.0.1:25520  collector  Up      yes             -        -
        TOTAL   1 members                                                            -        -
        device shards and devices unknown: timed out
        """;
    assertEquals(expected, ClusterStatusTable.render(status));
  }
}
