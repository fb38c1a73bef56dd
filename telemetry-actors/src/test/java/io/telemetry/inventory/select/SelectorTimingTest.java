package io.telemetry.inventory.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sanity bound, not a benchmark: selecting over a 10,000-resource inventory must take a small
 * fraction of a refresh interval (60 s by default). The bound is loose so that a busy CI machine
 * never fails it; a regression to, say, re-parsing per resource would still blow it.
 */
class SelectorTimingTest {

  @Test
  void selectingOverTenThousandResourcesIsFarInsideOneRefresh() {
    String[] vendors = {"juniper", "cisco", "arista", "nokia"};
    String[] versions = {"12.2R1", "15.1R7", "12.2X48", "20.4R3"};
    String[] sites = {"ams1", "fra2", "lon1", "par3", "nyc4"};
    List<Map<String, String>> inventory = new ArrayList<>();
    int expected = 0;
    for (int i = 0; i < 10_000; i++) {
      String vendor = vendors[i % 4];
      String version = versions[(i / 4) % 4];
      String site = sites[i % 5];
      inventory.add(Map.of("id", "r" + i, "host", "10.0." + (i / 256) + "." + (i % 256), "vendor", vendor,
          "os_version", version, "site", site, "role", i % 3 == 0 ? "core" : "edge"));
      if (vendor.equals("juniper") && version.startsWith("12.2") || site.equals("ams1") || site.equals("fra2")) {
        expected++;
      }
    }
    Selector selector = Selector.parse(
        "vendor = \"juniper\" AND os_version LIKE \"12.2%\" OR site IN (\"ams1\", \"fra2\")");
    Selector regex = Selector.parse("role MATCHES \"co.e\" AND NOT host LIKE \"10.0.1_.%\"");

    long started = System.nanoTime();
    int selected = 0;
    for (Map<String, String> resource : inventory) {
      if (selector.matches(resource)) {
        selected++;
      }
      regex.matches(resource);
    }
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertEquals(expected, selected);
    assertTrue(elapsedMillis < 1_000, "10,000 resources took " + elapsedMillis + " ms");
  }
}
