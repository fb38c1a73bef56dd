package io.telemetry.host.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node in this JVM (its own one-node cluster): run-time changes made through
 * {@code /telemetry/targets} are back after the node stops and starts again on the same
 * {@code telemetry.inventory.overlay-dir}, and a second node on that folder is refused at start.
 * (Two node JVMs, a removed inventory target and delivery: ClusterInventoryIT.)
 */
class OverlayDurabilityTest {

  /** The coordinator publishes a change within a second; room for a loaded machine. */
  private static final Duration TABLE_WAIT = Duration.ofSeconds(30);

  @TempDir
  Path workDir;

  @Test
  void runTimeChangesAreBackAfterTheNodeRestartsOnItsFolder() throws Exception {
    try (SingleInventoryNode node = SingleInventoryNode.start(workDir)) {
      TargetsRoute targets = new TargetsRoute(node.management(), TABLE_WAIT);
      assertEquals(202, targets.send("PUT", "kept-1", "{\"host\": \"127.0.0.1\", \"port\": 9, \"vendor\": \"juniper\","
          + " \"site\": \"ams1\"}").status());
      assertEquals(202,
          targets.send("PUT", "dropped-1", "{\"host\": \"127.0.0.1\", \"port\": 9, \"vendor\": \"juniper\"}").status());
      targets.awaitStatus("kept-1", 200);
      targets.awaitStatus("dropped-1", 200);
      assertEquals(202, targets.send("DELETE", "dropped-1", null).status());
      targets.awaitStatus("dropped-1", 404);

      ConfigException refused = assertThrows(ConfigException.class, () -> SingleInventoryNode.start(workDir),
          "a second node on the same folder");
      assertTrue(refused.getMessage().contains("telemetry.inventory.overlay-dir"), refused.getMessage());
      assertTrue(refused.getMessage().contains("is in use by another node (node inventory-routes, pid "),
          refused.getMessage());
    }
    assertTrue(Files.isDirectory(workDir.resolve("inventory-overlay")), "the overlay folder is where the node was told");

    try (SingleInventoryNode again = SingleInventoryNode.start(workDir)) {
      TargetsRoute targets = new TargetsRoute(again.management(), TABLE_WAIT);
      JsonNode kept = targets.awaitStatus("kept-1", 200).body();
      assertEquals("runtime", kept.path("origin").asText(), kept.toString());
      assertEquals("ams1", kept.path("attributes").path("site").asText(), kept.toString());
      JsonNode table = targets.send("GET", "", null).body();
      table.path("targets").forEach(t -> assertTrue(!t.path("id").asText().equals("dropped-1"),
          "the removed target is back: " + table));
    }
  }
}
