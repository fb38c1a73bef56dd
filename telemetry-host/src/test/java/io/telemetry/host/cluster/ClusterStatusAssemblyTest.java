package io.telemetry.host.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.host.cluster.ClusterStatusAssembly.MemberState;
import io.telemetry.host.cluster.ClusterStatusAssembly.RegionCounts;
import io.telemetry.host.cluster.ClusterStatusAssembly.ShardStats;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterStatusAssemblyTest {

  private static final String A = "pekko://telemetry@10.0.0.1:25520";
  private static final String B = "pekko://telemetry@10.0.0.2:25520";
  private static final String C = "pekko://telemetry@10.0.0.3:25520";

  private static final List<MemberState> MEMBERS = List.of(
      new MemberState(C, Set.of("correlator", "dc-default"), "Up", true),
      new MemberState(A, Set.of("dc-default", "collector"), "Up", true),
      new MemberState(B, Set.of("collector", "dc-default"), "Leaving", false));

  @Test
  void countsComeFromTheMembersRegionAndNodeIdsFromTheDirectory() {
    ShardStats stats = new ShardStats(Map.of(
        A, new RegionCounts(3, 31, List.of()),
        B, new RegionCounts(2, 29, List.of("s9", "s1"))), null);
    ClusterStatus status = ClusterStatusAssembly.assemble(A, A, "device", MEMBERS, stats, Map.of(A, "node-1", C, "node-3"));

    assertEquals(List.of(A, B, C), status.members().stream().map(ClusterStatus.Member::address).toList(),
        "members in address order");
    ClusterStatus.Member a = status.member(A).orElseThrow();
    assertEquals("node-1", a.nodeId());
    assertEquals(List.of("collector"), a.roles(), "the dc- role is left out");
    assertEquals(3, a.shards());
    assertEquals(31, a.devices());
    assertTrue(a.reachable());

    ClusterStatus.Member b = status.member(B).orElseThrow();
    assertNull(b.nodeId(), "node id not (yet) in the directory");
    assertEquals("Leaving", b.status());
    assertFalse(b.reachable());
    assertEquals(List.of("s1", "s9"), b.failedShards());

    ClusterStatus.Member c = status.member(C).orElseThrow();
    assertNull(c.shards(), "no device region on a correlator-only node");
    assertNull(c.devices());
    assertNull(status.shardStatsError());
  }

  @Test
  void failedStatisticsLeaveEveryCountUnknownAndSayWhy() {
    ClusterStatus status = ClusterStatusAssembly.assemble(A, null, "device", MEMBERS,
        ShardStats.failed("timed out after 5 s"), Map.of());
    assertEquals("timed out after 5 s", status.shardStatsError());
    assertNull(status.leader());
    status.members().forEach(m -> {
      assertNull(m.shards(), m.address());
      assertNull(m.devices(), m.address());
    });
  }
}
