package io.telemetry.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.host.cluster.ClusterStatus;
import io.telemetry.host.cluster.ClusterStatusJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterCommandsTest {

  private static final String A = "pekko://telemetry@10.0.0.1:25520";
  private static final String B = "pekko://telemetry@10.0.0.2:25520";
  private static final String STATUS_JSON = ClusterStatusJson.write(new ClusterStatus(A, A, "device", null, List.of(
      new ClusterStatus.Member(A, "node-1", List.of("collector"), "Up", true, 5, 45, List.of()),
      new ClusterStatus.Member(B, "node-2", List.of("collector"), "Up", true, 5, 45, List.of()))));

  /** Exit code, standard output and standard error of one command line. */
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new ClusterCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void statusPrintsTheTable() throws Exception {
    try (FakeManagement management = new FakeManagement(STATUS_JSON, 200)) {
      Run run = run("status", "--management", management.url());
      assertEquals(0, run.exit(), run.err());
      assertTrue(run.out().contains("node-2  " + B + "  collector  Up      yes             5       45"), run.out());
      assertTrue(run.out().contains("TOTAL   2 members"), run.out());
    }
  }

  @Test
  void statusJsonPrintsTheStatusAsJson() throws Exception {
    try (FakeManagement management = new FakeManagement(STATUS_JSON, 200)) {
      Run run = run("status", "--json", "-m", management.url() + "/");
      assertEquals(0, run.exit(), run.err());
      ClusterStatus printed = ClusterStatusJson.read(run.out(), "stdout");
      assertEquals(List.of("node-1", "node-2"), printed.members().stream().map(ClusterStatus.Member::nodeId).toList());
    }
  }

  @Test
  void leaveResolvesTheNodeIdAndPutsLeaveForItsAddress() throws Exception {
    try (FakeManagement management = new FakeManagement(STATUS_JSON, 200)) {
      Run run = run("leave", "node-2", "--management", management.url());
      assertEquals(0, run.exit(), run.err());
      assertEquals(List.of(new FakeManagement.Request("PUT", "/cluster/members/telemetry%4010.0.0.2%3A25520",
          "operation=Leave")), management.requests);
      assertTrue(run.out().startsWith("asked " + B + " (node-2) to leave"), run.out());
    }
  }

  @Test
  void leaveOfAnUnknownNodeSendsNothingAndListsTheMembers() throws Exception {
    try (FakeManagement management = new FakeManagement(STATUS_JSON, 200)) {
      Run run = run("leave", "node-7", "--management", management.url());
      assertEquals(1, run.exit());
      assertEquals(List.of(), management.requests);
      assertTrue(run.err().contains("no member 'node-7' in the cluster seen by " + management.url()
          + "; members: node-1 (" + A + "), node-2 (" + B + ")"), run.err());
    }
  }

  @Test
  void leaveRefusedByReadOnlyRoutesSaysWhichSetting() throws Exception {
    try (FakeManagement management = new FakeManagement(STATUS_JSON, 405)) {
      Run run = run("leave", "10.0.0.2:25520", "--management", management.url());
      assertEquals(1, run.exit());
      assertTrue(run.err().contains("route-providers-read-only = false"), run.err());
      assertTrue(run.err().contains(management.url() + "/cluster/members/"), run.err());
    }
  }

  @Test
  void anUnreachableNodeIsNamedByItsUrl() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    Run run = run("status", "--management", url);
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("cannot reach the management endpoint at " + url + "/telemetry/cluster"), run.err());
  }
}
