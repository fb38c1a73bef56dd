package io.telemetry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.host.cluster.LocalCluster;
import io.telemetry.host.cluster.LocalNode;
import io.telemetry.host.cluster.ManagementProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two node JVMs without seed nodes form one cluster through Pekko Management Cluster Bootstrap and
 * config discovery; a third joins it. Roles and health come from the management endpoints.
 */
class ClusterBootstrapIT {

  @TempDir
  Path workDir;

  @Test
  void nodesFindEachOtherAndANewOneJoins() {
    try (LocalCluster cluster = LocalCluster.builder(workDir).bootstrap().settings(ConfigFactory.parseString(
        "telemetry.kafka.bootstrap-servers = \"127.0.0.1:9\"\n"
            + "pekko.management.cluster.bootstrap.contact-point-discovery.stable-margin = 1s\n"
            + "pekko.management.cluster.bootstrap.contact-point-discovery.interval = 500ms\n"
            + "telemetry.cluster.roles = [collector, correlator]")).build()) {
      cluster.start(2);
      cluster.awaitMembersUp(2, Duration.ofSeconds(60));
      LocalNode third = cluster.addNode();
      cluster.awaitMembersUp(3, Duration.ofSeconds(60));

      List<ManagementProbe.Member> members = third.management().members();
      assertEquals(3, members.size());
      members.forEach(m -> assertTrue(m.roles().containsAll(List.of("collector", "correlator")), m.toString()));
      assertTrue(third.management().alive() && third.management().ready());
    }
  }
}
