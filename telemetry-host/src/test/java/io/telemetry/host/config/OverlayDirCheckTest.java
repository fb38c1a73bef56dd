package io.telemetry.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code config check} knows telemetry.inventory.overlay-dir and checks its value as the node does. */
class OverlayDirCheckTest {

  @Test
  void aRelativeOverlayDirAndAMisspeltKeyAreReportedAtTheirLines() {
    Path file = Path.of("src/test/resources/config-check/overlay-dir.conf");
    ConfigReport report = ConfigCheck.check(file);
    Map<String, Integer> lines = new TreeMap<>();
    report.problems().forEach(p -> lines.put(p.path(), p.line()));
    assertEquals(Map.of("telemetry.inventory.overlay-dir", 3, "telemetry.inventory.overlay-directory", 4), lines,
        String.join("\n", report.lines()));
    String relative = report.problems().stream().filter(p -> p.path().equals("telemetry.inventory.overlay-dir"))
        .findFirst().orElseThrow().message();
    assertTrue(relative.contains("\"data/overlay\" is relative"), relative);
    String misspelt = report.problems().stream().filter(p -> p.path().equals("telemetry.inventory.overlay-directory"))
        .findFirst().orElseThrow().message();
    assertTrue(misspelt.contains("unknown setting"), misspelt);
    assertEquals(1, report.exitCode());
  }
}
