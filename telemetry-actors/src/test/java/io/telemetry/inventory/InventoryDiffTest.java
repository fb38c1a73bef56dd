package io.telemetry.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryDiffTest {

  private static Target target(String id, String password, Map<String, String> labels) {
    return new Target(id, "192.0.2.1", 830, Credentials.password("u", password), "junos-netconf", Duration.ofSeconds(60),
        Duration.ofSeconds(20), labels);
  }

  @Test
  void addedRemovedAndChangedTargetsOrderedById() {
    Target a = target("a", "p", Map.of());
    Target b = target("b", "p", Map.of());
    Target c = target("c", "p", Map.of("site", "ams1"));
    Target bNewPassword = target("b", "rotated", Map.of());
    Target cMoved = target("c", "p", Map.of("site", "fra2"));
    Target d = target("d", "p", Map.of());
    Target e = target("e", "p", Map.of());

    InventoryDiff diff = InventoryDiff.between(List.of(c, b, a), List.of(e, cMoved, bNewPassword, d));

    assertEquals(List.of(d, e), diff.added());
    assertEquals(List.of(a), diff.removed());
    assertEquals(List.of(new InventoryDiff.Change(b, bNewPassword), new InventoryDiff.Change(c, cMoved)), diff.changed());
    assertEquals("InventoryDiff[+2 -1 ~2]", diff.toString());
  }

  @Test
  void identicalInventoriesHaveAnEmptyDiff() {
    Target a = target("a", "p", Map.of("site", "ams1"));
    assertTrue(InventoryDiff.between(List.of(a), List.of(target("a", "p", Map.of("site", "ams1")))).isEmpty());
    assertTrue(InventoryDiff.between(List.of(), List.of()).isEmpty());
  }
}
