package io.telemetry.inventory.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorEvaluationTest {

  private static final Map<String, String> MX = Map.of(
      "id", "mx1", "vendor", "juniper", "model", "mx960", "os_version", "12.2R3.5", "site", "ams1", "port", "830");

  private static boolean selects(String selector, Map<String, String> resource) {
    return Selector.parse(selector).matches(resource);
  }

  @Test
  void theIssueExample() {
    String example = "vendor = \"juniper\" AND os_version LIKE \"12.2%\" OR site IN (\"ams1\", \"fra2\")";
    assertTrue(selects(example, Map.of("vendor", "juniper", "os_version", "12.2R1", "site", "lon1")));
    assertFalse(selects(example, Map.of("vendor", "juniper", "os_version", "15.1R1", "site", "lon1")));
    assertTrue(selects(example, Map.of("vendor", "cisco", "os_version", "15.1", "site", "fra2")));
    assertFalse(selects(example, Map.of("vendor", "cisco", "os_version", "12.2R1", "site", "lon1")));
    assertFalse(selects(example, Map.of()));
  }

  @Test
  void equalityIsExactAndCaseSensitive() {
    assertTrue(selects("vendor = \"juniper\"", MX));
    assertFalse(selects("vendor = \"Juniper\"", MX));
    assertFalse(selects("vendor = \"junip\"", MX));
    assertTrue(selects("vendor != \"cisco\"", MX));
    assertFalse(selects("vendor != \"juniper\"", MX));
    assertTrue(selects("vendor <> \"cisco\"", MX));
    assertTrue(selects("vendor = 'juniper'", MX), "single quotes too");
  }

  @Test
  void aMissingAttributeFailsEveryPositiveTestAndPassesEveryNegatedOne() {
    Map<String, String> bare = Map.of("id", "r1");
    assertFalse(selects("role = \"core\"", bare));
    assertTrue(selects("role != \"core\"", bare));
    assertFalse(selects("role LIKE \"%\"", bare));
    assertTrue(selects("role NOT LIKE \"core%\"", bare));
    assertFalse(selects("role IN (\"core\", \"edge\")", bare));
    assertTrue(selects("role NOT IN (\"core\", \"edge\")", bare));
    assertFalse(selects("role MATCHES \".*\"", bare));
    assertTrue(selects("role NOT MATCHES \"core\"", bare));
    assertFalse(selects("slots > 0", bare));
    assertTrue(selects("NOT slots > 0", bare));
  }

  @Test
  void likeWildcards() {
    assertTrue(selects("os_version LIKE \"12.2%\"", MX));
    assertFalse(selects("os_version LIKE \"12.2%\"", Map.of("os_version", "1232R1")), "'.' is literal, not a regex dot");
    assertTrue(selects("os_version LIKE \"%R3%\"", MX));
    assertTrue(selects("model LIKE \"mx9_0\"", MX));
    assertFalse(selects("model LIKE \"mx9_\"", MX), "_ is exactly one character and the whole value must match");
    assertTrue(selects("model LIKE \"mx960\"", MX));
    assertFalse(selects("model LIKE \"MX%\"", MX), "case-sensitive");
    assertTrue(selects("os_version NOT LIKE \"15.%\"", MX));
    assertFalse(selects("os_version NOT LIKE \"12.%\"", MX));
    assertTrue(selects("ratio LIKE \"100\\\\%\"", Map.of("ratio", "100%")), "backslash escapes % in the pattern");
    assertFalse(selects("ratio LIKE \"100\\\\%\"", Map.of("ratio", "1000")));
    assertTrue(selects("name LIKE \"a(b)[c]%\"", Map.of("name", "a(b)[c]d")), "regex metacharacters are literal");
  }

  @Test
  void inLists() {
    assertTrue(selects("site IN (\"fra2\", \"ams1\")", MX));
    assertFalse(selects("site IN (\"fra2\")", MX));
    assertTrue(selects("site NOT IN (\"fra2\", \"lon1\")", MX));
    assertFalse(selects("site NOT IN (\"ams1\")", MX));
    assertTrue(selects("port IN (22, 830)", MX));
    assertTrue(selects("port IN (830.0)", MX), "numbers compare by value");
    assertFalse(selects("port IN (22, 23)", MX));
  }

  @Test
  void matchesIsAWholeValueRegex() {
    assertTrue(selects("model MATCHES \"mx[0-9]+\"", MX));
    assertFalse(selects("model MATCHES \"mx\"", MX), "the whole value must match");
    assertTrue(selects("model MATCHES \"(?i)MX960\"", MX));
    assertTrue(selects("model NOT MATCHES \"ptx.*\"", MX));
  }

  @Test
  void numbersCompareByValue() {
    assertTrue(selects("port = 830", MX));
    assertTrue(selects("port = 830", Map.of("port", "830.00")));
    assertFalse(selects("port = 831", MX));
    assertTrue(selects("port != 22", MX));
    assertTrue(selects("port > 800 AND port < 900", MX));
    assertTrue(selects("port >= 830 AND port <= 830", MX));
    assertFalse(selects("port > 830", MX));
    assertTrue(selects("temperature < -5", Map.of("temperature", "-10")));
    assertFalse(selects("port = 830", Map.of("port", "eight")), "text is not a number");
    assertTrue(selects("port != 830", Map.of("port", "eight")));
    assertFalse(selects("port = \"830.0\"", MX), "a quoted value compares as text");
  }

  @Test
  void keywordsAreCaseInsensitiveAndFieldNamesMayHaveDotsAndDashes() {
    assertTrue(selects("vendor = \"juniper\" and not site in (\"fra2\") or false-field like \"x\"", MX));
    assertTrue(selects("hw-model.slot_count = 4", Map.of("hw-model.slot_count", "4")));
  }

  @Test
  void andBindsTighterThanOr() {
    // a OR b AND c is a OR (b AND c)
    Map<String, String> onlyA = Map.of("a", "1", "b", "0", "c", "0");
    assertTrue(selects("a = 1 OR b = 1 AND c = 1", onlyA));
    assertFalse(selects("(a = 1 OR b = 1) AND c = 1", onlyA));
    Map<String, String> onlyC = Map.of("a", "0", "b", "0", "c", "1");
    assertFalse(selects("a = 1 OR b = 1 AND c = 1", onlyC));
    assertFalse(selects("b = 1 AND c = 1 OR a = 1", onlyC));
  }

  @Test
  void notBindsTighterThanAnd() {
    // NOT a AND b is (NOT a) AND b
    Map<String, String> neither = Map.of("a", "0", "b", "0");
    assertFalse(selects("NOT a = 1 AND b = 1", neither));
    assertTrue(selects("NOT (a = 1 AND b = 1)", neither));
    assertTrue(selects("NOT a = 1 AND b = 1", Map.of("a", "0", "b", "1")));
    assertTrue(selects("NOT NOT a = 1", Map.of("a", "1")));
  }

  @Test
  void truthTableOfEveryCombinationMatchesBooleanAlgebra() {
    String[] selectors = {
        "x = 1 OR y = 1 AND z = 1",
        "(x = 1 OR y = 1) AND z = 1",
        "NOT x = 1 OR y = 1 AND NOT z = 1",
        "NOT (x = 1 OR y = 1) AND z = 1",
        "x = 1 AND y = 1 OR x = 1 AND z = 1 OR NOT y = 1",
    };
    for (int bits = 0; bits < 8; bits++) {
      boolean x = (bits & 1) != 0;
      boolean y = (bits & 2) != 0;
      boolean z = (bits & 4) != 0;
      Map<String, String> resource = new HashMap<>();
      resource.put("x", x ? "1" : "0");
      resource.put("y", y ? "1" : "0");
      resource.put("z", z ? "1" : "0");
      boolean[] expected = {
          x || (y && z),
          (x || y) && z,
          !x || (y && !z),
          !(x || y) && z,
          (x && y) || (x && z) || !y,
      };
      for (int i = 0; i < selectors.length; i++) {
        assertEquals(expected[i], selects(selectors[i], resource), selectors[i] + " with x=" + x + " y=" + y + " z=" + z);
      }
    }
  }

  @Test
  void theEmptySelectorOfAllMatchesEverything() {
    assertTrue(Selector.all().matches(Map.of()));
    assertEquals("", Selector.all().expression());
  }
}
