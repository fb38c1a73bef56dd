package io.telemetry.host.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemberSelectorTest {

  private static final String A = "pekko://telemetry@10.0.0.1:25520";
  private static final String B = "pekko://telemetry@10.0.0.2:25520";
  private static final String C = "pekko://telemetry@10.0.0.3:25521";

  private static ClusterStatus status(String idOfC) {
    return new ClusterStatus(A, A, "device", null, List.of(
        new ClusterStatus.Member(A, "node-1", List.of("collector"), "Up", true, 1, 1, List.of()),
        new ClusterStatus.Member(B, null, List.of("collector"), "Up", true, 1, 1, List.of()),
        new ClusterStatus.Member(C, idOfC, List.of("collector"), "Up", true, 1, 1, List.of())));
  }

  @Test
  void takesANodeId() {
    assertEquals(C, MemberSelector.select(status("node-3"), "node-3", "http://x").address());
  }

  @Test
  void takesAnAddressInFullWithoutProtocolOrAsHostPort() {
    assertEquals(B, MemberSelector.select(status("node-3"), B, "http://x").address());
    assertEquals(B, MemberSelector.select(status("node-3"), "telemetry@10.0.0.2:25520", "http://x").address());
    assertEquals(B, MemberSelector.select(status("node-3"), "10.0.0.2:25520", "http://x").address());
    assertEquals(C, MemberSelector.select(status("node-3"), "10.0.0.3:25521", "http://x").address());
  }

  @Test
  void aNodeIdWinsOverAnAddressThatLooksTheSame() {
    // An operator who named a node "10.0.0.2:25520" means that node, not the member at that address.
    assertEquals(C, MemberSelector.select(status("10.0.0.2:25520"), "10.0.0.2:25520", "http://x").address());
  }

  @Test
  void anUnknownNodeIsRefusedListingTheMembers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MemberSelector.select(status("node-3"), "node-9", "http://10.0.0.1:7626"));
    assertEquals("no member 'node-9' in the cluster seen by http://10.0.0.1:7626; members: node-1 ("
        + A + "), " + B + ", node-3 (" + C + ")", e.getMessage());
  }

  @Test
  void aPortAloneOrAPartialHostMatchesNothing() {
    assertThrows(IllegalArgumentException.class, () -> MemberSelector.select(status("node-3"), "25520", "u"));
    assertThrows(IllegalArgumentException.class, () -> MemberSelector.select(status("node-3"), "0.0.2:25520", "u"));
  }

  @Test
  void aNodeIdSharedByTwoMembersIsRefused() {
    ClusterStatus twice = new ClusterStatus(A, A, "device", null, List.of(
        new ClusterStatus.Member(A, "node-1", List.of(), "Down", false, null, null, List.of()),
        new ClusterStatus.Member(B, "node-1", List.of(), "Up", true, null, null, List.of())));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MemberSelector.select(twice, "node-1", "u"));
    assertTrue(e.getMessage().contains("shared by 2 members (" + A + ", " + B + ")"), e.getMessage());
  }
}
